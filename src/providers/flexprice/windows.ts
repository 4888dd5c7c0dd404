/** Flexprice's `results[]` as unified windows: labels are bucket starts, ends are computed, both clipped. */
import type { UsageQuery, UsageWindow } from '../../usage/model';
import { anchorDay, formatInstant, nextWindowStart } from '../../usage/windows';
import type { FlexpriceUsage } from './types';

/**
 * One window per distinct `window_size`, ascending, each clipped to `[from, to)` (the first WEEK
 * or MONTH label can lie before `from`). With groupBy Flexprice answers one entry per
 * (bucket, group) and repeats the label without the group key: those entries add up to the
 * bucket's value, as its top-level total does.
 */
export function toUsageWindows(usage: FlexpriceUsage, query: UsageQuery): UsageWindow[] {
  const size = query.bucketSize ?? query.windowSize;
  if (size === undefined) return [];
  const anchor = query.billingAnchor === undefined ? undefined : anchorDay(query.billingAnchor);
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const byStart = new Map<number, number>();
  for (const result of usage.results) {
    const start = Date.parse(result.window_size);
    byStart.set(start, (byStart.get(start) ?? 0) + result.value);
  }
  return [...byStart]
    .sort(([left], [right]) => left - right)
    .map(([start, value]) => ({
      start: formatInstant(Math.max(start, from)),
      end: formatInstant(Math.min(nextWindowStart(start, size, anchor), to)),
      value,
    }));
}

/** Adds windows that share a start (one customer's windows with another's), ascending. */
export function mergeUsageWindows(lists: readonly (readonly UsageWindow[])[]): UsageWindow[] {
  const byStart = new Map<string, UsageWindow>();
  for (const windows of lists) {
    for (const window of windows) {
      const known = byStart.get(window.start);
      byStart.set(window.start, known ? { ...known, value: known.value + window.value } : { ...window });
    }
  }
  return [...byStart.values()].sort((left, right) => Date.parse(left.start) - Date.parse(right.start));
}
