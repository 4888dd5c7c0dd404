/**
 * One accumulator per aggregation type, fed the matching rows of one window (or of the whole
 * range) in timestamp order. Each mirrors the SQL Flexprice runs for that type, including where it
 * deduplicates by event id (a subquery grouped by id) and where it reads raw rows.
 */
import type { AggregationType } from './usage-plan';

/** Feeds rows in, gives the raw (unclamped) result out. */
export interface Accumulator {
  add(row: number, time: number): void;
  result(): number;
}

/** What accumulators read, by row number; `values` and `codes` are the aggregated property's. */
export interface AccumulatorContext {
  readonly ids: readonly string[];
  readonly arrivals: Float64Array;
  readonly sharedIds: Uint8Array;
  /** `JSONExtractFloat` of the property (empty when the type does not read it). */
  readonly values: Float64Array;
  /** `JSONExtractString` of the property, coded (empty when the type does not read it). */
  readonly codes: Int32Array;
  /** The request period, whole seconds in ms, for WEIGHTED_SUM. */
  readonly from: number;
  readonly to: number;
  readonly multiplier: number;
}

/** `count(DISTINCT id)`. */
class CountAccumulator implements Accumulator {
  private unique = 0;
  private readonly shared = new Set<string>();
  constructor(private readonly context: AccumulatorContext) {}
  add(row: number): void {
    if (this.context.sharedIds[row] === 1) this.shared.add(this.context.ids[row] ?? '');
    else this.unique += 1;
  }
  result(): number {
    return this.unique + this.shared.size;
  }
}

/**
 * SUM, AVG, MAX and SUM_WITH_MULTIPLIER over `SELECT anyLast(JSONExtractFloat(…)) … GROUP BY id`:
 * one value per event id, the latest-ingested row's where an id has several rows.
 */
class PerIdAccumulator implements Accumulator {
  private count = 0;
  private sum = 0;
  private max = 0;
  private readonly shared = new Map<string, { arrival: number; value: number }>();
  constructor(private readonly context: AccumulatorContext, private readonly type: 'SUM' | 'AVG' | 'MAX' | 'SUM_WITH_MULTIPLIER') {}
  add(row: number): void {
    const { sharedIds, values, ids, arrivals } = this.context;
    const value = values[row] ?? 0;
    if (sharedIds[row] !== 1) {
      this.take(value);
      return;
    }
    const id = ids[row] ?? '';
    const arrival = arrivals[row] ?? 0;
    const kept = this.shared.get(id);
    if (!kept || arrival > kept.arrival) this.shared.set(id, { arrival, value });
  }
  private take(value: number): void {
    // ClickHouse's max keeps its first value and replaces it only with a greater one.
    if (this.count === 0 || value > this.max) this.max = value;
    this.count += 1;
    this.sum += value;
  }
  result(): number {
    for (const { value } of this.shared.values()) this.take(value);
    this.shared.clear();
    switch (this.type) {
      case 'SUM':
        return this.sum;
      case 'AVG':
        return this.count === 0 ? Number.NaN : this.sum / this.count;
      case 'MAX':
        return this.max;
      case 'SUM_WITH_MULTIPLIER':
        return this.sum * this.context.multiplier;
    }
  }
}

/** `count(DISTINCT JSONExtractString(…))`: a missing or null property is the one value `""`. */
class CountUniqueAccumulator implements Accumulator {
  private readonly seen = new Set<number>();
  constructor(private readonly context: AccumulatorContext) {}
  add(row: number): void {
    this.seen.add(this.context.codes[row] ?? 0);
  }
  result(): number {
    return this.seen.size;
  }
}

/** `argMax(JSONExtractFloat(…), timestamp)` over raw rows; of equal timestamps the later-stored wins. */
class LatestAccumulator implements Accumulator {
  private latest = Number.NEGATIVE_INFINITY;
  private value = 0;
  constructor(private readonly context: AccumulatorContext) {}
  add(row: number, time: number): void {
    if (time < this.latest) return;
    this.latest = time;
    this.value = this.context.values[row] ?? 0;
  }
  result(): number {
    return this.value;
  }
}

/**
 * Σ (v / T) × d over raw rows (no dedup), T the whole request period in seconds and d the seconds
 * from the event to the period end, in SQL's order of operations so the floats match bit for bit.
 * The period stays the whole request even per window.
 */
class WeightedSumAccumulator implements Accumulator {
  private sum = 0;
  private readonly total: number;
  constructor(private readonly context: AccumulatorContext) {
    this.total = (context.to - context.from) / 1000;
  }
  add(row: number, time: number): void {
    // dateDiff('second') counts second boundaries crossed: whole seconds of both ends.
    const remaining = (this.context.to - Math.floor(time / 1000) * 1000) / 1000;
    this.sum += ((this.context.values[row] ?? 0) / this.total) * remaining;
  }
  result(): number {
    return this.sum;
  }
}

/** A fresh accumulator for one window of the given (effective) aggregation type. */
export function createAccumulator(type: AggregationType, context: AccumulatorContext): Accumulator {
  switch (type) {
    case 'COUNT':
      return new CountAccumulator(context);
    case 'SUM':
    case 'AVG':
    case 'MAX':
    case 'SUM_WITH_MULTIPLIER':
      return new PerIdAccumulator(context, type);
    case 'COUNT_UNIQUE':
      return new CountUniqueAccumulator(context);
    case 'LATEST':
      return new LatestAccumulator(context);
    case 'WEIGHTED_SUM':
      return new WeightedSumAccumulator(context);
    default: {
      const unknown: never = type;
      throw new Error(`unhandled aggregation type ${String(unknown)}`);
    }
  }
}
