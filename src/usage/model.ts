/** The unified usage model: names for the types generated from specs/usage-api.yaml. */
import type { components } from '../../generated/usage-api';

type Schemas = components['schemas'];

export type UsageQuery = Schemas['UsageQuery'];
export type UsageReport = Schemas['UsageReport'];
export type UsageTask = Schemas['UsageTask'];
export type UsageWindow = Schemas['UsageWindow'];
export type UsageGroup = Schemas['UsageGroup'];
export type UsageWarning = Schemas['Warning'];
export type Aggregation = Schemas['Aggregation'];
export type ReportAggregation = Schemas['ReportAggregation'];
export type WindowSize = Schemas['WindowSize'];
export type ProviderType = Schemas['ProviderType'];
export type ProviderMode = Schemas['ProviderMode'];
export type Capabilities = Schemas['Capabilities'];
export type ProviderInfo = Schemas['ProviderInfo'];
export type CircuitBreakerStatus = Schemas['CircuitBreakerStatus'];
export type ProviderList = Schemas['ProviderList'];

export const aggregations: readonly Aggregation[] = [
  'count', 'sum', 'avg', 'max', 'latest', 'count_unique', 'sum_with_multiplier', 'weighted_sum',
];
export const windowSizes: readonly WindowSize[] = [
  'MINUTE', '15MIN', '30MIN', 'HOUR', '3HOUR', '6HOUR', '12HOUR', 'DAY', 'WEEK', 'MONTH',
];
