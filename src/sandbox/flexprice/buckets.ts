/**
 * Bucketed meters (`bucket_size` with MAX or SUM): Flexprice reads `events FINAL` with no per-id
 * subquery, computes the type per bucket (per bucket and group for a grouped MAX) and adds the
 * buckets up into the top-level value ("sum of hourly peaks").
 */
import type { components } from '../../../generated/flexprice';
import { formatInstant } from '../../usage/windows';
import type { CodedColumn } from './column-cache';
import type { Selection } from './event-store';
import { compareUtf8 } from './json-extract';
import { finalValue, scanWindows } from './scan';
import type { UsageGrouping } from './usage-plan';

type UsageResult = components['schemas']['UsageResult'];
type BucketGrouping = Extract<UsageGrouping, { kind: 'buckets' }>;

interface Bucket {
  readonly start: number;
  /** Per group code; the one code 0 when the query is not grouped. */
  readonly groups: Map<number, number>;
}

/** Per-bucket (and per-group) results in bucket then group-key order, and the raw total. */
export function bucketResults(
  selection: Selection,
  matches: ((row: number) => boolean) | undefined,
  values: Float64Array,
  groups: CodedColumn | undefined,
  grouping: BucketGrouping,
  type: 'MAX' | 'SUM',
): { results: UsageResult[]; total: number } {
  const buckets: Bucket[] = [];
  let bucket: Bucket | undefined;
  scanWindows(selection, matches, grouping.size, grouping.anchor, (start) => {
    bucket = { start, groups: new Map() };
    buckets.push(bucket);
  }, (row) => {
    const key = groups ? groups.codes[row] ?? 0 : 0;
    const value = values[row] ?? 0;
    const previous = bucket?.groups.get(key);
    if (previous === undefined) bucket?.groups.set(key, value);
    else if (type === 'SUM') bucket?.groups.set(key, previous + value);
    else if (value > previous) bucket?.groups.set(key, value);
  });
  const results: UsageResult[] = [];
  let total = 0;
  const label = (code: number) => groups?.values[code] ?? '';
  for (const { start, groups: perGroup } of buckets) {
    const window = formatInstant(start);
    // Grouped rows come back ordered by bucket start, then group key (ClickHouse compares bytes).
    const codes = [...perGroup.keys()].sort((left, right) => compareUtf8(label(left), label(right)));
    for (const code of codes) {
      const value = perGroup.get(code) ?? 0;
      // The SQL adds the raw bucket values; Go clamps the total and each bucket on their own.
      total += value;
      results.push({ window_size: window, value: finalValue(value) });
    }
  }
  return { results, total };
}
