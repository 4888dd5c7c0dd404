/** What the Svix adapter can answer, checked by the gateway before `query` and published at GET /v1/providers. */
import type { Capabilities } from '../../usage/model';

/**
 * Svix reports one figure per application: the message attempts (`messageDestinations`) in a
 * period. It counts; it has no windows, buckets, filters or grouping of its own, and it answers
 * through a background task the gateway polls.
 */
export const svixCapabilities = {
  aggregations: ['count'],
  windowSizes: [],
  bucketSizes: [],
  filters: false,
  groupBy: false,
  async: true,
  customersRequired: false,
  multipleCustomers: true,
} as const satisfies Capabilities;
