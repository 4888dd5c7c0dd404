/** The Sequence simulator's public surface. */
export { createSequenceSimulator, DEFAULT_SEQUENCE_ACCOUNT_ID } from './simulator';
export type { SequenceSimulator, SequenceSimulatorOptions } from './simulator';
export type { SequenceCredentials } from './http-guards';
export type { CreateUsageEventRequest, CreateUsageMetricRequest, UsageEvent, UsageMetric } from './types';
export { SequenceApiError } from './api-error';
