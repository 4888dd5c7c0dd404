import { timedSignal } from '../../src/providers/timed-signal';

describe('timedSignal', () => {
  it('aborts with a TimeoutError once the time runs out', async () => {
    const timed = timedSignal(20, undefined, 'too slow');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const reason = timed.signal.reason as DOMException;
    expect([timed.signal.aborted, timed.timedOut(), reason.name, reason.message]).toStrictEqual([true, true, 'TimeoutError', 'too slow']);
  });

  it("aborts with the caller's reason when the caller aborts first, and is not a timeout", () => {
    const caller = new AbortController();
    const timed = timedSignal(10_000, caller.signal, 'too slow');
    const reason = new Error('caller left');
    caller.abort(reason);
    expect([timed.signal.aborted, timed.signal.reason, timed.timedOut()]).toStrictEqual([true, reason, false]);
    timed.dispose();
  });

  it('starts aborted under a caller that already aborted', () => {
    const caller = new AbortController();
    caller.abort(new Error('gone'));
    expect(timedSignal(10_000, caller.signal, 'too slow').signal.aborted).toBe(true);
  });

  it('no longer aborts once disposed', async () => {
    const caller = new AbortController();
    const timed = timedSignal(20, caller.signal, 'too slow');
    timed.dispose();
    caller.abort();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect([timed.signal.aborted, timed.timedOut()]).toStrictEqual([false, false]);
  });
});
