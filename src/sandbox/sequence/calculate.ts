/**
 * The calculation behind `GET /usage-metrics/{id}/calculate`: pure, over events already reduced
 * to the latest version of each `customerEventId`.
 */
import { SequenceApiError } from './api-error';
import { addDecimals, decimalToNumber, toDecimal, type Decimal } from './decimal';
import { compilePropertyFilters } from './property-filters';
import { valueKey } from './property-values';
import type { StoredEvent, UsageMetric, UsageMetricCalculationResponse } from './types';

/** Which events a calculation covers, besides the metric's own event type and filters. */
export interface CalculationScope {
  /** Exact (case-sensitive) customer aliases. */
  aliases: ReadonlySet<string>;
  /** `[fromMs, toMs)` over `eventTimestamp`. */
  fromMs: number;
  toMs: number;
}

function distinctCount(events: StoredEvent[], property: string): number {
  const seen = new Set<string>();
  for (const event of events) {
    const key = valueKey(event.eventProperties[property]);
    if (key !== undefined) seen.add(key);
  }
  return seen.size;
}

/**
 * [INFERENCE] GROUPED UNIQUE is the sum of each group's distinct count, as Sequence's invoice
 * line totals are the sum of their per-group values; a value seen in two groups counts twice.
 * Events without the grouping property form one group of their own.
 */
function groupedDistinctCount(events: StoredEvent[], property: string, groupingProperty: string): number {
  const groups = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const group = valueKey(event.eventProperties[groupingProperty]) ?? 'null';
    const members = groups.get(group);
    if (members) members.push(event);
    else groups.set(group, [event]);
  }
  let total = 0;
  for (const members of groups.values()) total += distinctCount(members, property);
  return total;
}

/**
 * [INFERENCE] SUM adds the numeric values of the aggregation property (see decimal.ts for what is
 * numeric); an event whose value is missing or not numeric adds nothing but still counts in
 * `eventCount`, which counts the events the metric selected. GROUPED SUM and COUNT equal SIMPLE:
 * the per-group results add up to the whole.
 */
function sumOf(metric: UsageMetric, events: StoredEvent[], property: string): number {
  const numbers = events.map((event) => toDecimal(event.eventProperties[property])).filter((value): value is Decimal => value !== undefined);
  return finiteSum(metric, addDecimals(numbers));
}

/** An exact SUM as the number the API returns, refused when no double can hold it. */
export function finiteSum(metric: UsageMetric, total: Decimal): number {
  const value = decimalToNumber(total);
  if (!Number.isFinite(value)) {
    const property = metric.aggregationProperty ?? '';
    throw new SequenceApiError(400, 'calculationError', `The sum of ${property} for metric ${metric.id} exceeds the largest number the API can return`);
  }
  return value;
}

function aggregate(metric: UsageMetric, events: StoredEvent[]): number {
  const property = metric.aggregationProperty ?? '';
  switch (metric.aggregationType) {
    case 'COUNT':
      return events.length;
    case 'SUM':
      return sumOf(metric, events, property);
    case 'UNIQUE':
      return metric.metricType === 'GROUPED' && metric.groupingProperty
        ? groupedDistinctCount(events, property, metric.groupingProperty)
        : distinctCount(events, property);
    case 'CUSTOM':
      // Creation refuses CUSTOM (see metric-definition.ts), so no stored metric reaches here.
      throw new SequenceApiError(400, 'validationError', `Metric ${metric.id} is a CUSTOM metric, which this sandbox cannot calculate`);
    default: {
      const unknown: never = metric.aggregationType;
      throw new Error(`Unknown aggregation type ${String(unknown)}`);
    }
  }
}

/** The metric's value over the scope, with the ids of the first and last event it used. */
export function calculateUsageMetric(metric: UsageMetric, events: Iterable<StoredEvent>, scope: CalculationScope): UsageMetricCalculationResponse {
  const matches = compilePropertyFilters(metric);
  const selected: StoredEvent[] = [];
  let minEventId: string | null = null;
  let maxEventId: string | null = null;
  for (const event of events) {
    if (event.eventType !== metric.eventType || !scope.aliases.has(event.customerAlias)) continue;
    if (event.timestampMs < scope.fromMs || event.timestampMs >= scope.toMs || !matches(event.eventProperties)) continue;
    selected.push(event);
    // UUIDv7 ids sort by creation time, so the lexicographic extremes are the first and last events.
    if (minEventId === null || event.id < minEventId) minEventId = event.id;
    if (maxEventId === null || event.id > maxEventId) maxEventId = event.id;
  }
  return calculationResponse(metric, selected.length, aggregate(metric, selected), minEventId, maxEventId);
}

/** The response body: the metric's definition echoed, then the figures. */
export function calculationResponse(
  metric: UsageMetric,
  eventCount: number,
  value: number,
  minEventId: string | null,
  maxEventId: string | null,
): UsageMetricCalculationResponse {
  return {
    name: metric.name,
    metricType: metric.metricType,
    eventType: metric.eventType,
    aggregationType: metric.aggregationType,
    eventCount,
    value,
    unit: metric.unit ?? null,
    minEventId,
    maxEventId,
  };
}
