import { createSingleFlight, type Execution } from '../../src/usage/single-flight';

/** An execution the test finishes by hand, recording the signal each start gave it. */
function controllable() {
  let finish: (value: string) => void = () => undefined;
  const seen: AbortSignal[] = [];
  const start = (): Execution<string> => {
    const controller = new AbortController();
    seen.push(controller.signal);
    const promise = new Promise<string>((resolve, reject) => {
      finish = resolve;
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    return { promise, abort: (reason) => controller.abort(reason) };
  };
  return { start, seen, finish: (value: string) => finish(value) };
}

/** An execution that answers at once with the next run's name. */
function counting() {
  let runs = 0;
  return (): Execution<string> => ({ promise: Promise.resolve(`run ${++runs}`), abort: () => undefined });
}

describe('single-flight', () => {
  it('runs one execution for callers of the same key and gives each its answer', async () => {
    const flights = createSingleFlight<string>();
    const work = controllable();
    const callers = [1, 2, 3].map(() => flights.run('k', new AbortController().signal, work.start));
    work.finish('answer');
    expect(await Promise.all(callers)).toStrictEqual(['answer', 'answer', 'answer']);
    expect(work.seen).toHaveLength(1);
  });

  it('starts a new execution once the previous one settled, and keeps keys apart', async () => {
    const flights = createSingleFlight<string>();
    const start = counting();
    expect(await flights.run('k', new AbortController().signal, start)).toBe('run 1');
    expect(await flights.run('k', new AbortController().signal, start)).toBe('run 2');
    expect(await Promise.all([flights.run('a', new AbortController().signal, start), flights.run('b', new AbortController().signal, start)])).toStrictEqual(['run 3', 'run 4']);
  });

  it('keeps the execution while one caller still waits, and aborts it with the last reason when the last one leaves', async () => {
    const flights = createSingleFlight<string>();
    const work = controllable();
    const first = new AbortController();
    const second = new AbortController();
    const firstAnswer = flights.run('k', first.signal, work.start);
    const secondAnswer = flights.run('k', second.signal, work.start);
    first.abort(new Error('first caller left'));
    await expect(firstAnswer).rejects.toThrow('first caller left');
    expect(work.seen[0]?.aborted).toBe(false);
    second.abort(new Error('second caller left'));
    await expect(secondAnswer).rejects.toThrow('second caller left');
    expect(work.seen[0]?.aborted).toBe(true);
    expect(work.seen[0]?.reason).toStrictEqual(new Error('second caller left'));
  });

  it('aborts an execution at once for a caller that had already gone, and starts afresh for the next', async () => {
    const flights = createSingleFlight<string>();
    const work = controllable();
    const gone = new AbortController();
    gone.abort(new Error('gone'));
    await expect(flights.run('k', gone.signal, work.start)).rejects.toThrow('gone');
    expect(work.seen[0]?.aborted).toBe(true);
    const next = flights.run('k', new AbortController().signal, work.start);
    expect(work.seen).toHaveLength(2);
    work.finish('fresh');
    expect(await next).toBe('fresh');
  });
});
