/** The rules a usage metric definition must meet beyond its schema, and the stored metric it becomes. */
import { validationError, violation } from './api-error';
import type { CreateUsageMetricRequest, ErrorItem, UsageMetric } from './types';

/**
 * Sequence's docs: SUM and UNIQUE need an aggregation property, grouping needs a grouping
 * property. CUSTOM metrics are expressions created through an endpoint outside the public spec
 * (`/custom-usage-metrics`); with no expression to evaluate we refuse them rather than invent one.
 * Every `propertiesToNegate` entry must name a filtered property, else it would negate nothing.
 */
export function metricDefinitionViolations(request: CreateUsageMetricRequest): ErrorItem[] {
  const items: ErrorItem[] = [];
  const { aggregationType, metricType } = request;
  if (aggregationType === 'CUSTOM') {
    items.push(
      violation('aggregationType', 'aggregationType CUSTOM needs an expression, which Sequence defines outside this API; the sandbox calculates COUNT, SUM and UNIQUE'),
    );
  }
  if ((aggregationType === 'SUM' || aggregationType === 'UNIQUE') && !request.aggregationProperty) {
    items.push(violation('aggregationProperty', `aggregationProperty is required when aggregationType is ${aggregationType}`));
  }
  if (metricType === 'GROUPED' && !request.groupingProperty) {
    items.push(violation('groupingProperty', 'groupingProperty is required when metricType is GROUPED'));
  }
  const filtered = request.propertyFilters ?? {};
  (request.propertiesToNegate ?? []).forEach((property, index) => {
    if (!Object.hasOwn(filtered, property)) {
      items.push(violation(`propertiesToNegate.${index}`, `propertiesToNegate names ${JSON.stringify(property)}, which has no entry in propertyFilters`));
    }
  });
  return items;
}

/** Throws a 400 `validationError` listing every rule the definition breaks. */
export function assertMetricDefinition(request: CreateUsageMetricRequest): void {
  const items = metricDefinitionViolations(request);
  if (items.length > 0) throw validationError(items);
}

/** What the simulator adds to a definition when storing it. */
export interface MetricIdentity {
  id: string;
  sequenceAccountId: string;
  createdAt: string;
}

/** The stored metric: the definition with every optional field spelled out as Sequence returns it. */
export function toUsageMetric(request: CreateUsageMetricRequest, identity: MetricIdentity): UsageMetric {
  return {
    id: identity.id,
    sequenceAccountId: identity.sequenceAccountId,
    name: request.name,
    description: request.description ?? null,
    metricType: request.metricType,
    eventType: request.eventType,
    aggregationType: request.aggregationType,
    aggregationProperty: request.aggregationProperty ?? null,
    groupingProperty: request.groupingProperty ?? null,
    unit: request.unit ?? null,
    createdAt: identity.createdAt,
    deletedAt: null,
    propertyFilters: structuredClone(request.propertyFilters ?? {}),
    caseSensitive: request.caseSensitive ?? null,
    propertiesToNegate: request.propertiesToNegate ? [...request.propertiesToNegate] : null,
    // Parameters belong to CUSTOM metrics, which are not created here.
    parameters: [],
  };
}
