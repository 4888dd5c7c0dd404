/**
 * What Flexprice cannot answer beyond the declared capabilities, refused before any call, and the
 * calls a query needs.
 */
import { GatewayError, unsupported } from '../../errors';
import type { Aggregation, UsageQuery } from '../../usage/model';
import type { FlexpriceCall } from './types';

/** The gateway limit the plan enforces: calls per query. */
export interface FlexpricePlanLimits {
  maxUpstreamCalls: number;
}

/** Flexprice buckets only these (`bucket_size` is ignored for every other type). */
const bucketed: readonly Aggregation[] = ['sum', 'max'];
/** Per-customer figures that add up exactly to the figure over all of them. */
const combinable: readonly Aggregation[] = ['count', 'sum', 'sum_with_multiplier'];
/** Windowed figures whose total cannot be derived from the windows: one more, unwindowed call. */
const needsTotal: readonly Aggregation[] = ['avg', 'count_unique'];

// The HEAD server binds start_time/end_time as whole-second DateTimes, dropping any fraction.
function refuseSubSecond(provider: string, instant: string, field: 'from' | 'to'): void {
  const fraction = /[Tt ]\d{2}:\d{2}:\d{2}\.(\d+)/.exec(instant)?.[1];
  if (fraction !== undefined && /[1-9]/.test(fraction)) {
    throw unsupported(provider, `/body/${field}`, `Flexprice counts time in whole seconds; give ${field} without a fraction of a second`);
  }
}

const pointerToken = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Throws the first refusal, then returns the calls to make (at least one). */
export function planFlexpriceCalls(query: UsageQuery, provider: string, limits: FlexpricePlanLimits): FlexpriceCall[] {
  const aggregation = query.aggregation ?? 'count';
  // Flexprice silently counts when property_name is empty: refuse rather than answer another question.
  if (aggregation !== 'count' && !query.property) {
    throw new GatewayError('validation_failed', {
      detail: `/body/property: is required for aggregation ${aggregation}`,
      errors: [{ path: '/body/property', message: `is required for aggregation ${aggregation}` }],
    });
  }
  refuseSubSecond(provider, query.from, 'from');
  refuseSubSecond(provider, query.to, 'to');
  if (query.bucketSize && !bucketed.includes(aggregation)) {
    throw unsupported(provider, '/body/bucketSize', `Flexprice buckets only sum and max, not ${aggregation}; use windowSize for a time series`);
  }
  if (query.groupBy && !(aggregation === 'max' && query.bucketSize)) {
    throw unsupported(provider, '/body/groupBy', 'Flexprice honours groupBy only for aggregation max with a bucketSize (the max of each group in each bucket, summed)');
  }
  for (const [key, values] of Object.entries(query.filters ?? {})) {
    // Flexprice skips a filter property with no values, which would match every event instead of none.
    if (values.length === 0) {
      throw unsupported(provider, `/body/filters/${pointerToken(key)}`, 'Flexprice ignores a filter with no values; give at least one value or leave the property out');
    }
  }
  if (query.parameters && Object.keys(query.parameters).length > 0) {
    throw unsupported(provider, '/body/parameters', 'Flexprice metrics take no parameters (they are for Sequence custom metrics)');
  }
  const customers = query.customers ?? [];
  if (customers.length > 1 && !combinable.includes(aggregation)) {
    throw unsupported(provider, '/body/customers', `Flexprice answers one customer per call and only count, sum, sum_with_multiplier add up across customers; ask ${aggregation} for one customer at a time`);
  }
  const total = query.windowSize !== undefined && needsTotal.includes(aggregation);
  const calls = (customers.length > 0 ? customers : [undefined]).flatMap((customer): FlexpriceCall[] =>
    total ? [{ customer, total: false }, { customer, total: true }] : [{ customer, total: false }],
  );
  if (calls.length > limits.maxUpstreamCalls) {
    const path = customers.length > 1 ? '/body/customers' : '/body/windowSize';
    const why = customers.length > 1 ? `one call per customer (${customers.length})` : `a windowed ${aggregation} and its exact total`;
    const message = `Flexprice needs ${calls.length} calls for ${why}; this gateway allows at most ${limits.maxUpstreamCalls} per query`;
    throw new GatewayError('limit_exceeded', { detail: `${provider}: ${message}`, errors: [{ path, message }], provider });
  }
  return calls;
}
