/**
 * Single-flight: callers asking the same thing while it is in flight share one execution and its
 * answer. The execution is aborted only when every caller waiting for it has gone away.
 */
import { untilAborted } from '../policies/deadline';
import { inheritScope } from '../request-scope';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiting: number;
}

export interface SingleFlight<T> {
  run(key: string, signal: AbortSignal, execute: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, Flight<T>>();
  return {
    run(key, signal, execute) {
      let flight = flights.get(key);
      if (!flight) {
        const controller = new AbortController();
        // The flight serves the request that started it (its trace, its logger, its warnings).
        inheritScope(controller.signal, signal);
        const started: Flight<T> = { controller, waiting: 0, promise: execute(controller.signal) };
        started.promise.then(() => flights.delete(key), () => flights.delete(key));
        flights.set(key, started);
        flight = started;
      }
      const joined = flight;
      joined.waiting += 1;
      // One listener per caller: giving up on the answer and leaving the flight are one event.
      return untilAborted(joined.promise, signal, () => {
        joined.waiting -= 1;
        if (joined.waiting === 0 && flights.get(key) === joined) {
          flights.delete(key);
          joined.controller.abort(signal.reason);
        }
      });
    },
  };
}
