import { mapWithConcurrency } from '../../src/providers/concurrency';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('mapWithConcurrency', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 6, 7], 3, new AbortController().signal, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item * 2));
      inFlight -= 1;
      return item * 10;
    });
    expect([results, peak]).toStrictEqual([[50, 10, 40, 20, 30, 60, 70], 3]);
  });

  it('runs one at a time with a limit below one', async () => {
    const events: string[] = [];
    await mapWithConcurrency([1, 2, 3], 0, new AbortController().signal, async (item) => {
      events.push(`start ${item}`);
      await tick();
      events.push(`end ${item}`);
    });
    expect(events).toStrictEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('answers an empty list without calling the task', async () => {
    let calls = 0;
    const results = await mapWithConcurrency([], 4, new AbortController().signal, async () => {
      calls += 1;
    });
    expect([results, calls]).toStrictEqual([[], 0]);
  });

  it('rejects with the first failure, aborts the ones in flight and starts no more', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const failure = new Error('window 2 failed');
    const run = mapWithConcurrency([1, 2, 3, 4, 5], 2, new AbortController().signal, (item, signal) => {
      started.push(item);
      return new Promise<number>((resolve, reject) => {
        if (item === 2) setTimeout(() => reject(failure), 5);
        else {
          const timer = setTimeout(() => resolve(item), 50);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            aborted.push(item);
            reject(new Error(`aborted ${item}`));
          });
        }
      });
    });
    await expect(run).rejects.toBe(failure);
    expect([started, aborted]).toStrictEqual([[1, 2], [1]]);
  });

  it('hands the caller abort to every task', async () => {
    const caller = new AbortController();
    caller.abort();
    const seen = await mapWithConcurrency([1, 2], 2, caller.signal, async (_item, signal) => signal.aborted);
    expect(seen).toStrictEqual([true, true]);
  });
});
