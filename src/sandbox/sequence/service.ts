/**
 * The simulated Sequence account: metrics, events and calculations over schema-valid input. The
 * HTTP routes (after express-openapi-validator) and the seeding API (after the Ajv check of the
 * same schemas) both call this, so both paths apply the same rules.
 */
import { formatInstant } from '../../usage/windows';
import { notFound, SequenceApiError, validationError } from './api-error';
import { parseCustomParameters, parseCustomerAliases } from './calculate-params';
import { createEventStore, type EventStore } from './event-store';
import { calculateFromSelection } from './indexed-calculation';
import { toStoredEvent, toUsageEvent } from './event-ingest';
import { assertMetricDefinition, toUsageMetric } from './metric-definition';
import { createMetricStore, type MetricStore } from './metric-store';
import { parsePeriod } from './period';
import type { CalculateQuery, CreateUsageEventRequest, CreateUsageMetricRequest, ErrorItem, ListMetricsQuery, StoredEvent } from './types';
import type { UsageEvent, UsageMetric, UsageMetricCalculationResponse, UsageMetricList } from './types';
import { createUuidV7Generator } from './uuid-v7';

/** What the account needs from its host. */
export interface SequenceServiceOptions {
  now: () => number;
  maxEvents: number;
  maxMetrics: number;
  sequenceAccountId: string;
}

/** The operations of one simulated account. */
export interface SequenceService {
  createMetric(request: CreateUsageMetricRequest, id?: string): UsageMetric;
  getMetric(id: string): UsageMetric | undefined;
  listMetrics(query: ListMetricsQuery): UsageMetricList;
  /** Stores all events or none; index-prefixed keys name the bad ones (`2.eventTimestamp`). */
  ingestEvents(requests: readonly CreateUsageEventRequest[], keyPrefix?: (index: number) => string): UsageEvent[];
  calculate(usageMetricId: string, query: CalculateQuery): UsageMetricCalculationResponse;
  events(): readonly StoredEvent[];
}

/** `read()`, or undefined with its validation items added to `violations`. */
function collecting<T>(violations: ErrorItem[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof SequenceApiError) || !error.errors) throw error;
    violations.push(...error.errors);
    return undefined;
  }
}

/** A fresh account with no metrics and no events. */
export function createSequenceService(options: SequenceServiceOptions): SequenceService {
  const nextId = createUuidV7Generator(options.now);
  const metrics: MetricStore = createMetricStore(options.maxMetrics);
  const events: EventStore = createEventStore(options.maxEvents);
  const { sequenceAccountId } = options;

  return {
    createMetric(request, id) {
      assertMetricDefinition(request);
      const metric = toUsageMetric(request, { id: id ?? nextId(), sequenceAccountId, createdAt: formatInstant(options.now()) });
      metrics.add(metric);
      return metric;
    },
    getMetric: (id) => metrics.get(id),
    listMetrics: (query) => metrics.list(query),
    ingestEvents(requests, keyPrefix = () => '') {
      const receivedAt = options.now();
      const stored: StoredEvent[] = [];
      const violations: ErrorItem[] = [];
      requests.forEach((request, index) => {
        const result = toStoredEvent(request, { id: nextId(), sequenceAccountId, receivedAt }, keyPrefix(index));
        if ('code' in result) violations.push(result);
        else stored.push(result);
      });
      if (violations.length > 0) throw validationError(violations);
      events.addAll(stored);
      return stored.map(toUsageEvent);
    },
    calculate(usageMetricId, query) {
      const metric = metrics.get(usageMetricId);
      // The 2023 spec listed 404 for an unknown metric and Sequence's other get-by-id endpoints use it.
      if (!metric) throw notFound(`Usage metric ${usageMetricId} not found`);
      // Read every parameter before failing, so one answer names every bad one.
      const violations: ErrorItem[] = [];
      const aliases = collecting(violations, () => parseCustomerAliases(query.customerAliases));
      const period = collecting(violations, () => parsePeriod(query.periodStart, query.periodEnd));
      collecting(violations, () => parseCustomParameters(query.customParameters));
      if (!aliases || !period || violations.length > 0) throw validationError(violations);
      const scope = { aliases, ...period };
      return calculateFromSelection(metric, events.select(metric.eventType, aliases, period.fromMs, period.toMs), scope);
    },
    events: () => events.all(),
  };
}
