/**
 * Calculate over the store's index: the same answers as `calculateUsageMetric` (calculate.ts),
 * read from time-sorted slices instead of every event of the type.
 */
import { calculateUsageMetric, calculationResponse, finiteSum, type CalculationScope } from './calculate';
import { addDecimals, type Decimal } from './decimal';
import type { EventSelection } from './event-store';
import type { SeriesSlice } from './event-series';
import { sumSlice } from './sum-column';
import type { StoredEvent, UsageMetric, UsageMetricCalculationResponse } from './types';

function* eventsOf(slices: readonly SeriesSlice[]): Iterable<StoredEvent> {
  for (const { series, lo, hi } of slices) {
    for (let position = lo; position < hi; position += 1) yield series.events[position] as StoredEvent;
  }
}

/** The positions of the lowest and highest receipt ranks in `[lo, hi)`. */
function rankExtremes({ series, lo, hi }: SeriesSlice): [number, number] {
  if (series.inReceiptOrder) return [lo, hi - 1];
  const { ranks } = series;
  let low = lo;
  let high = lo;
  for (let position = lo + 1; position < hi; position += 1) {
    const rank = ranks[position] as number;
    if (rank < (ranks[low] as number)) low = position;
    if (rank > (ranks[high] as number)) high = position;
  }
  return [low, high];
}

/** The first and last event ids of the slices, by receipt rank (ids follow ranks) or by the ids themselves. */
function idRange(slices: readonly SeriesSlice[], idsFollowRanks: boolean): [string | null, string | null] {
  let min: StoredEvent | undefined;
  let max: StoredEvent | undefined;
  let minRank = Infinity;
  let maxRank = -Infinity;
  for (const slice of slices) {
    const { events, ranks } = slice.series;
    if (idsFollowRanks) {
      const [low, high] = rankExtremes(slice);
      if ((ranks[low] as number) < minRank) [minRank, min] = [ranks[low] as number, events[low]];
      if ((ranks[high] as number) > maxRank) [maxRank, max] = [ranks[high] as number, events[high]];
      continue;
    }
    for (let position = slice.lo; position < slice.hi; position += 1) {
      const event = events[position] as StoredEvent;
      if (!min || event.id < min.id) min = event;
      if (!max || event.id > max.id) max = event;
    }
  }
  return [min?.id ?? null, max?.id ?? null];
}

/**
 * COUNT and SUM without property filters read only slice bounds and pre-read numbers; filters,
 * UNIQUE and grouping look at each event of the slices through `calculateUsageMetric`.
 */
export function calculateFromSelection(metric: UsageMetric, selection: EventSelection, scope: CalculationScope): UsageMetricCalculationResponse {
  const { slices } = selection;
  const additive = metric.aggregationType === 'COUNT' || metric.aggregationType === 'SUM';
  if (!additive || Object.keys(metric.propertyFilters).length > 0) return calculateUsageMetric(metric, eventsOf(slices), scope);
  const eventCount = slices.reduce((count, { lo, hi }) => count + hi - lo, 0);
  let value = eventCount;
  if (metric.aggregationType === 'SUM') {
    const property = metric.aggregationProperty ?? '';
    value = finiteSum(metric, addDecimals(slices.map((slice): Decimal => sumSlice(slice, property))));
  }
  const [minEventId, maxEventId] = idRange(slices, selection.idsFollowRanks);
  return calculationResponse(metric, eventCount, value, minEventId, maxEventId);
}
