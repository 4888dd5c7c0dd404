/** The package's public surface for apps: the typed client and the unified model's types. */
export { createUsageClient, type UsageClient, type UsageClientOptions } from './client';
export type {
  Aggregation,
  Capabilities,
  ProviderInfo,
  ProviderList,
  ProviderMode,
  ProviderType,
  ReportAggregation,
  UsageGroup,
  UsageQuery,
  UsageReport,
  UsageTask,
  UsageWarning,
  UsageWindow,
  WindowSize,
} from './usage/model';
export type { Problem, ErrorCode, Violation } from './errors';
