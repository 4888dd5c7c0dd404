import { createSingleFlight } from '../../src/usage/single-flight';

/** An execution the test finishes by hand, recording the signal it was given. */
function controllable() {
  let finish: (value: string) => void = () => undefined;
  const seen: AbortSignal[] = [];
  const execute = (signal: AbortSignal) => {
    seen.push(signal);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  };
  return { execute, seen, finish: (value: string) => finish(value) };
}

describe('single-flight', () => {
  it('runs one execution for callers of the same key and gives each its answer', async () => {
    const flights = createSingleFlight<string>();
    const work = controllable();
    const callers = [1, 2, 3].map(() => flights.run('k', new AbortController().signal, work.execute));
    work.finish('answer');
    expect(await Promise.all(callers)).toStrictEqual(['answer', 'answer', 'answer']);
    expect(work.seen).toHaveLength(1);
  });

  it('starts a new execution once the previous one settled, and keeps keys apart', async () => {
    const flights = createSingleFlight<string>();
    let runs = 0;
    const execute = async () => `run ${++runs}`;
    expect(await flights.run('k', new AbortController().signal, execute)).toBe('run 1');
    expect(await flights.run('k', new AbortController().signal, execute)).toBe('run 2');
    expect(await Promise.all([flights.run('a', new AbortController().signal, execute), flights.run('b', new AbortController().signal, execute)])).toStrictEqual(['run 3', 'run 4']);
  });

  it('keeps the execution while one caller still waits, and aborts it when the last one leaves', async () => {
    const flights = createSingleFlight<string>();
    const work = controllable();
    const first = new AbortController();
    const second = new AbortController();
    const firstAnswer = flights.run('k', first.signal, work.execute);
    const secondAnswer = flights.run('k', second.signal, work.execute);
    first.abort(new Error('first caller left'));
    await expect(firstAnswer).rejects.toThrow('first caller left');
    expect(work.seen[0]?.aborted).toBe(false);
    second.abort(new Error('second caller left'));
    await expect(secondAnswer).rejects.toThrow('second caller left');
    expect(work.seen[0]?.aborted).toBe(true);
  });
});
