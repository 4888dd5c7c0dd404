/**
 * SUM over a series slice without re-reading every event: each event's numeric value is read
 * once and kept as an integer count of `10^-scale` units, which doubles add exactly while the
 * running total stays within 2^53. The result is the same exact decimal `addDecimals` would give.
 */
import { addDecimals, toDecimal, type Decimal } from './decimal';
import type { EventSeries, SeriesSlice } from './event-series';
import type { StoredEvent } from './types';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Powers of ten written out, so each is an exact double; values further apart in scale sum as BigInt. */
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** One property's values over a series, by position. */
interface SumColumn {
  generation: number;
  /** Decimal places every value is scaled to. */
  scale: number;
  /** `value × 10^scale`, an exact integer; 0 where the event holds no number. */
  values: number[];
  /** The largest `|values[i]|`. */
  maxAbs: number;
  /** False once a value has too many digits for doubles: slices then sum as BigInt decimals. */
  exact: boolean;
}

const columns = new WeakMap<EventSeries, Map<string, SumColumn>>();

/** `[units, scale]` of a value, undefined when it is no number; units may exceed 2^53. */
function readNumber(value: unknown): [number, number] | undefined {
  // Safe integers read as toDecimal reads them (String(value) has no point or exponent).
  if (typeof value === 'number' && Number.isSafeInteger(value)) return [value, 0];
  const decimal = toDecimal(value);
  return decimal === undefined ? undefined : [Number(decimal.units), decimal.scale];
}

/** Appends the events from the column's length on; false when the column must restart with another scale. */
function extend(column: SumColumn, series: EventSeries, property: string): boolean {
  const { events } = series;
  for (let position = column.values.length; position < events.length; position += 1) {
    const number = column.exact ? readNumber((events[position] as StoredEvent).eventProperties[property]) : undefined;
    let scaled = 0;
    if (number !== undefined) {
      const [units, scale] = number;
      if (scale > column.scale) {
        column.scale = scale;
        return false;
      }
      const factor = POWERS_OF_TEN[column.scale - scale];
      // Exact factors and a product within 2^53 mean no rounding happened; otherwise BigInt.
      if (factor === undefined) column.exact = false;
      else scaled = units * factor;
      if (!(Math.abs(scaled) <= MAX_SAFE)) column.exact = false;
    }
    column.values.push(scaled);
    if (Math.abs(scaled) > column.maxAbs) column.maxAbs = Math.abs(scaled);
  }
  return true;
}

/** The column of `property` over a settled series, reusing what earlier calls read. */
function columnOf(series: EventSeries, property: string): SumColumn {
  let byProperty = columns.get(series);
  if (!byProperty) columns.set(series, (byProperty = new Map()));
  let column = byProperty.get(property);
  if (!column || column.generation !== series.generation) {
    column = { generation: series.generation, scale: 0, values: [], maxAbs: 0, exact: true };
    byProperty.set(property, column);
  }
  while (!extend(column, series, property)) {
    column.values.length = 0;
    column.maxAbs = 0;
  }
  return column;
}

/** The exact sum of `property` over a slice, non-numeric values adding nothing. */
export function sumSlice({ series, lo, hi }: SeriesSlice, property: string): Decimal {
  const column = columnOf(series, property);
  if (!column.exact) {
    const decimals: Decimal[] = [];
    for (let position = lo; position < hi; position += 1) {
      const decimal = toDecimal(series.events[position]?.eventProperties[property]);
      if (decimal !== undefined) decimals.push(decimal);
    }
    return addDecimals(decimals);
  }
  // Each step adds at most maxAbs, so a total kept within `limit` never leaves the exact integers.
  const { values, maxAbs } = column;
  const limit = MAX_SAFE - maxAbs;
  let carried = 0n;
  let total = 0;
  for (let position = lo; position < hi; position += 1) {
    total += values[position] as number;
    if (total > limit || total < -limit) {
      carried += BigInt(total);
      total = 0;
    }
  }
  return { units: carried + BigInt(total), scale: column.scale };
}
