/**
 * Single-flight: callers asking the same thing while it is in flight share one execution and its
 * answer. The execution is aborted only when every caller waiting for it has gone away.
 */
import { untilAborted } from '../policies/deadline';

/** One execution as single-flight holds it: its answer, and how to stop it. */
export interface Execution<T> {
  readonly promise: Promise<T>;
  /** Stops the work: every caller waiting for it has gone away (with the last one's reason). */
  abort(reason: unknown): void;
}

interface Flight<T> {
  execution: Execution<T>;
  waiting: number;
}

export interface SingleFlight<T> {
  /**
   * The answer of the execution in flight for `key`, or of one `start` starts now. `signal` is
   * the caller's: when it aborts, the caller stops waiting, and the execution is stopped once no
   * caller waits for it. The execution itself runs on a signal of its own (e.g. its deadline's),
   * which carries the scope of the request that started it.
   */
  run(key: string, signal: AbortSignal, start: () => Execution<T>): Promise<T>;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, Flight<T>>();
  return {
    run(key, signal, start) {
      let flight = flights.get(key);
      if (!flight) {
        const started: Flight<T> = { execution: start(), waiting: 0 };
        started.execution.promise.then(() => flights.delete(key), () => flights.delete(key));
        flights.set(key, started);
        flight = started;
      }
      const joined = flight;
      joined.waiting += 1;
      // One listener per caller: giving up on the answer and leaving the flight are one event.
      return untilAborted(joined.execution.promise, signal, () => {
        joined.waiting -= 1;
        if (joined.waiting === 0 && flights.get(key) === joined) {
          flights.delete(key);
          joined.execution.abort(signal.reason);
        }
      });
    },
  };
}
