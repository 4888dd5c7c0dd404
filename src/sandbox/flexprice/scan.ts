/**
 * Reading the selected rows as Flexprice's WHERE clause and window expressions do: customer and
 * property filters over coded columns, and the window (bucket start) of each row.
 */
import { nextWindowStart, windowStart } from '../../usage/windows';
import type { ColumnCache } from './column-cache';
import type { Selection } from './event-store';
import type { UsagePlan, WindowSize } from './usage-plan';

/** A result as Go returns it: NaN and ±Inf become 0 (`safeDecimalFromFloat`), negatives clamp to 0. */
export function finalValue(raw: number): number {
  return Number.isFinite(raw) && raw > 0 ? raw : 0;
}

/** Which codes of a coded column a filter accepts. */
function accepted(codeOf: ReadonlyMap<string, number>, size: number, values: Iterable<string>): Uint8Array {
  const allowed = new Uint8Array(size);
  for (const value of values) {
    const code = codeOf.get(value);
    if (code !== undefined) allowed[code] = 1;
  }
  return allowed;
}

/** The row filter of the WHERE clause, or `undefined` when every row passes. */
export function rowMatcher(cache: ColumnCache, plan: UsagePlan): ((row: number) => boolean) | undefined {
  const checks: Array<{ codes: Int32Array; allowed: Uint8Array }> = [];
  const add = (column: { codes: Int32Array; values: readonly string[]; codeOf: ReadonlyMap<string, number> }, values: Iterable<string>) => {
    checks.push({ codes: column.codes, allowed: accepted(column.codeOf, column.values.length, values) });
  };
  if (plan.externalCustomerId !== undefined) add(cache.externalCustomerIds(), [plan.externalCustomerId]);
  if (plan.customerId !== undefined) add(cache.customerIds(), [plan.customerId]);
  for (const [key, values] of plan.filters) add(cache.strings(key), values);
  if (checks.length === 0) return undefined;
  return (row) => {
    for (const { codes, allowed } of checks) {
      if (allowed[codes[row] ?? 0] !== 1) return false;
    }
    return true;
  };
}

/**
 * Walks the matching rows in time order, calling `open` with each new window's start before the
 * first row of that window, and `visit` with every row and its timestamp.
 */
export function scanWindows(
  selection: Selection,
  matches: ((row: number) => boolean) | undefined,
  size: WindowSize,
  anchor: number | undefined,
  open: (start: number) => void,
  visit: (row: number, time: number) => void,
): void {
  const { rows, times } = selection;
  let start = Number.NaN;
  let end = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] ?? 0;
    if (matches && !matches(row)) continue;
    const time = times[index] ?? 0;
    // Rows come in time order, so the window only changes when a row passes its end.
    if (time >= end || time < start) {
      const next = windowStart(time, size, anchor);
      end = nextWindowStart(next, size, anchor);
      if (next !== start) open(next);
      start = next;
    }
    visit(row, time);
  }
}
