/** A bounded fan-out for adapters that need several upstream calls per query. */
import { followSignal } from './timed-signal';

/**
 * Runs `task` over `items` with at most `limit` in flight and returns the results in input
 * order. The first failure stops new tasks, aborts the ones in flight and is what rejects.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  task: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  // One task (a query for one customer, the common case) has nothing to stop when it fails.
  const [only] = items;
  if (items.length === 1 && only !== undefined) return [await task(only, signal)];
  // The tasks' signal aborts with the caller's or at the first failure.
  const { controller, dispose } = followSignal(signal);
  const combined = controller.signal;
  const results: R[] = [];
  const queue = items.entries();
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined) {
      const next = queue.next();
      if (next.done) return;
      const [index, item] = next.value;
      try {
        results[index] = await task(item, combined);
      } catch (error) {
        // Later failures are mostly the aborts this one causes; the first is the cause.
        if (failure === undefined) {
          failure = { error };
          controller.abort();
        }
      }
    }
  };
  const workers = Math.min(Math.max(1, Math.floor(limit)), items.length);
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    dispose();
  }
  if (failure !== undefined) throw failure.error;
  return results;
}
