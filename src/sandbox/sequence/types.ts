/** Sequence's wire types for the simulator: names for the generated spec types, never restated. */
import type { components, operations } from '../../../generated/sequence';

type Schemas = components['schemas'];

export type UsageMetric = Schemas['UsageMetric'];
export type UsageMetricList = Schemas['UsageMetricList'];
export type CreateUsageMetricRequest = Schemas['CreateUsageMetricRequest'];
export type UsageEvent = Schemas['UsageEvent'];
export type CreateUsageEventRequest = Schemas['CreateUsageEventRequest'];
export type UsageMetricCalculationResponse = Schemas['UsageMetricCalculationResponse'];
export type ApiError = Schemas['ApiError'];
export type ErrorItem = Schemas['ErrorItem'];
export type MetricType = Schemas['MetricType'];
export type AggregationType = Schemas['AggregationType'];

/** The query string of `GET /usage-metrics/{usageMetricId}/calculate`, as the spec declares it. */
export type CalculateQuery = operations['getUsageMetricsByUsageMetricIdCalculate']['parameters']['query'];

/** The query string of `GET /usage-metrics`. */
export type ListMetricsQuery = NonNullable<operations['getUsageMetrics']['parameters']['query']>;

/** A stored usage event: the wire shape plus the parsed instant the calculation compares. */
export interface StoredEvent extends UsageEvent {
  /** `eventTimestamp` in epoch milliseconds (UTC). */
  timestampMs: number;
}
