/** Pure mapping between the unified query/report and Flexprice's `POST /events/usage`. */
import type { Aggregation, UsageQuery, UsageWindow } from '../../usage/model';
import { formatInstant } from '../../usage/windows';
import { fromFlexpriceAggregation, toFlexpriceAggregation } from './aggregations';
import type { FlexpriceCall, FlexpriceUsage, FlexpriceUsageRequest } from './types';
import { toUsageWindows } from './windows';

/** The body of one call. Bounds go as RFC 3339 UTC; `plan.ts` has refused sub-second ones. */
export function toFlexpriceUsageRequest(query: UsageQuery, call: FlexpriceCall): FlexpriceUsageRequest {
  const aggregation = query.aggregation ?? 'count';
  const windowSize = call.total ? undefined : query.windowSize;
  const size = windowSize ?? query.bucketSize;
  return {
    event_name: query.metric,
    aggregation_type: toFlexpriceAggregation(aggregation),
    start_time: formatInstant(Date.parse(query.from)),
    end_time: formatInstant(Date.parse(query.to)),
    // COUNT ignores the property; an empty property_name would turn any other type into COUNT.
    ...(aggregation !== 'count' && query.property !== undefined && { property_name: query.property }),
    ...(call.customer !== undefined && { external_customer_id: call.customer }),
    ...(windowSize !== undefined && { window_size: windowSize }),
    ...(query.bucketSize !== undefined && { bucket_size: query.bucketSize }),
    // The anchor only shapes MONTH windows; the unwindowed total call has none.
    ...(size !== undefined && query.billingAnchor !== undefined && { billing_anchor: query.billingAnchor }),
    ...(query.filters !== undefined && { filters: query.filters }),
    ...(query.groupBy !== undefined && { group_by_property: query.groupBy }),
    ...(query.multiplier !== undefined && { multiplier: query.multiplier }),
  } satisfies FlexpriceUsageRequest;
}

/** One customer's (or all customers') figure, before reports are combined. */
export interface FlexpriceFigure {
  /** The aggregation Flexprice applied. */
  aggregation: Aggregation;
  value: number;
  /** Null when neither windowSize nor bucketSize was asked. */
  windows: UsageWindow[] | null;
}

const add = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/**
 * A windowed answer carries no top-level value: derive it where the windows give it exactly, and
 * take it from the unwindowed `total` answer for avg and count_unique.
 */
function windowedValue(aggregation: Aggregation, usage: FlexpriceUsage, total: FlexpriceUsage | undefined): number {
  const values = usage.results.map((result) => result.value);
  switch (aggregation) {
    // A windowed weighted_sum is still weighted over the whole period, so its windows add up too.
    case 'count':
    case 'sum':
    case 'sum_with_multiplier':
    case 'weighted_sum':
      return add(values);
    case 'max':
      return values.reduce((highest, value) => Math.max(highest, value), 0);
    case 'latest':
      return values.at(-1) ?? 0;
    case 'avg':
    case 'count_unique':
      if (total === undefined) throw new TypeError(`a windowed ${aggregation} needs its unwindowed total`);
      return total.value;
    default: {
      const unknown: never = aggregation;
      throw new TypeError(`unknown aggregation ${String(unknown)}`);
    }
  }
}

/**
 * The figure in one answer. `total` is the unwindowed answer made alongside a windowed avg or
 * count_unique. Bucketed answers carry both results and the value (the buckets summed): use it.
 */
export function fromFlexpriceResponse(usage: FlexpriceUsage, query: UsageQuery, total?: FlexpriceUsage): FlexpriceFigure {
  const aggregation = usage.type === undefined ? (query.aggregation ?? 'count') : fromFlexpriceAggregation(usage.type);
  if (query.bucketSize !== undefined) {
    return { aggregation, value: usage.value, windows: toUsageWindows(usage, query) };
  }
  if (query.windowSize !== undefined) {
    return { aggregation, value: windowedValue(aggregation, usage, total), windows: toUsageWindows(usage, query) };
  }
  return { aggregation, value: usage.value, windows: null };
}
