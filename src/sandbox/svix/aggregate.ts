/**
 * Pure aggregation of message attempts. Each application's attempts are kept as counts per
 * millisecond; an index of sorted times and running totals answers any `[since, until)` range with
 * two binary searches, so a query costs O(apps · log attempts) however many attempts are stored.
 */
import type { components } from '../../../generated/svix';

export type ApplicationStatsOut = components['schemas']['ApplicationStatsOut'];

/** Sorted distinct attempt times and, at `prefix[i]`, the number of attempts before `times[i]`. */
export interface AttemptIndex {
  times: Float64Array;
  prefix: Float64Array;
}

/** The index of a map from attempt time (epoch ms) to the number of attempts at that time. */
export function buildAttemptIndex(countsByTime: ReadonlyMap<number, number>): AttemptIndex {
  const times = Float64Array.from(countsByTime.keys()).sort();
  const prefix = new Float64Array(times.length + 1);
  for (let i = 0; i < times.length; i += 1) {
    prefix[i + 1] = (prefix[i] ?? 0) + (countsByTime.get(times[i] ?? 0) ?? 0);
  }
  return { times, prefix };
}

/** The first position whose time is at or after `value`. */
export function lowerBound(times: Float64Array, value: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Attempts at times `t` with `sinceMs ≤ t < untilMs`. */
export function countAttemptsBetween(index: AttemptIndex, sinceMs: number, untilMs: number): number {
  if (untilMs <= sinceMs) return 0;
  const start = lowerBound(index.times, sinceMs);
  const end = lowerBound(index.times, untilMs);
  return (index.prefix[end] ?? 0) - (index.prefix[start] ?? 0);
}

/** An application as the statistics see it. */
export interface StatsSubject {
  id: string;
  uid: string | null;
  index: AttemptIndex;
}

/**
 * Svix's `data.appStats` for the given applications over `[sinceMs, untilMs)`, in the given
 * order. Applications with no attempts in the range are listed with 0.
 */
export function computeAppStats(subjects: readonly StatsSubject[], sinceMs: number, untilMs: number): ApplicationStatsOut[] {
  return subjects.map((subject) => ({
    appId: subject.id,
    appUid: subject.uid,
    messageDestinations: countAttemptsBetween(subject.index, sinceMs, untilMs),
  }));
}
