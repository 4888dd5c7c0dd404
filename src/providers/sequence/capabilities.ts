/** What the Sequence adapter can answer; the gateway checks queries against this and publishes it. */
import type { Capabilities } from '../../usage/model';

/**
 * A Sequence usage metric fixes its own aggregation (COUNT, SUM, UNIQUE or CUSTOM), filters and
 * grouping, so a query can only name the metric, its customers and the period. CUSTOM metrics are
 * reported as `custom` but cannot be asked for by aggregation.
 */
export const sequenceCapabilities = {
  aggregations: ['count', 'sum', 'count_unique'],
  windowSizes: ['DAY', 'WEEK', 'MONTH'],
  bucketSizes: [],
  filters: false,
  groupBy: false,
  async: false,
  customersRequired: true,
  multipleCustomers: true,
} as const satisfies Capabilities;
