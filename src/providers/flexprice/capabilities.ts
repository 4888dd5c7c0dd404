/** What the Flexprice adapter can answer: the declaration the gateway checks queries against. */
import type { Capabilities } from '../../usage/model';

/**
 * Flexprice's `POST /events/usage` capabilities. Buckets accept every window size of the spec's
 * enum, but Flexprice only buckets sum and max (the adapter refuses the rest); groupBy is honoured
 * only for bucketed max; several customers are answered by one call per customer.
 */
export const flexpriceCapabilities = {
  aggregations: ['count', 'sum', 'avg', 'max', 'latest', 'count_unique', 'sum_with_multiplier', 'weighted_sum'],
  windowSizes: ['MINUTE', '15MIN', '30MIN', 'HOUR', '3HOUR', '6HOUR', '12HOUR', 'DAY', 'WEEK', 'MONTH'],
  bucketSizes: ['MINUTE', '15MIN', '30MIN', 'HOUR', '3HOUR', '6HOUR', '12HOUR', 'DAY', 'WEEK', 'MONTH'],
  filters: true,
  groupBy: true,
  async: false,
  customersRequired: false,
  multipleCustomers: true,
} as const satisfies Capabilities;
