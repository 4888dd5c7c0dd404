/**
 * The Sequence simulator: an in-memory Sequence account served over HTTP with Sequence's own
 * paths, auth, versioning, shapes and status codes, plus a seeding API on the same rules.
 */
import type { Request, Router } from 'express';
import { validationError, violation } from './api-error';
import { sequenceInputValidator } from './input-validator';
import { createSequenceRouter } from './router';
import { detachedUsageEvent, toUsageEvent } from './event-ingest';
import type { SequenceCredentials } from './http-guards';
import { createSequenceService } from './service';
import type { CreateUsageEventRequest, CreateUsageMetricRequest, ErrorItem, UsageEvent, UsageMetric } from './types';

/** How to build a simulator. */
export interface SequenceSimulatorOptions {
  /** Where the simulated `/api` root sits, e.g. `/sandbox/sequence/api`. */
  basePath: string;
  /** The only client credentials the simulated account accepts. */
  credentials: SequenceCredentials;
  /** Store cap: past it, ingest answers 400 `EventLimitExceeded` and stores nothing. */
  maxEvents: number;
  /** Store cap for metrics; default 1000. */
  maxMetrics?: number;
  /** The clock for event ids, default timestamps and `createdAt` (epoch ms). */
  now: () => number;
  /** Validate every response against specs/sequence.yaml (on in tests); a violation answers 500. */
  validateResponses?: boolean;
  /** `sequenceAccountId` on every metric and event. */
  sequenceAccountId?: string;
  /** Told about every unexpected error before the masked 500 goes out (e.g. a logger). */
  onError?: (error: unknown, req: Request) => void;
}

/** A simulator: the router to mount at the app's root, and the seeding API. */
export interface SequenceSimulator {
  /** Answers every path under `basePath`; passes other requests on. Mount with `app.use(router)`. */
  router: Router;
  /**
   * Creates a metric as `POST /usage-metrics` would, with `options.id` as a stable id when given
   * (letters, digits and `-._~`). Throws a `SequenceApiError` naming every bad field.
   */
  addMetric(definition: CreateUsageMetricRequest, options?: { id?: string }): UsageMetric;
  /** Ingests one event as `POST /usage-events` would. */
  addEvent(event: CreateUsageEventRequest): UsageEvent;
  /** Ingests events all or none: one bad event or too little room under `maxEvents` stores nothing. */
  addEvents(events: readonly CreateUsageEventRequest[]): UsageEvent[];
  getMetric(id: string): UsageMetric | undefined;
  /** Every stored event in receipt order, superseded versions included. */
  events(): UsageEvent[];
}

/** The default account id: a fixed UUID so sandbox output is stable across runs. */
export const DEFAULT_SEQUENCE_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a11c';

const METRIC_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/** Builds an empty simulated account and its router. */
export function createSequenceSimulator(options: SequenceSimulatorOptions): SequenceSimulator {
  const service = createSequenceService({
    now: options.now,
    maxEvents: options.maxEvents,
    maxMetrics: options.maxMetrics ?? 1000,
    sequenceAccountId: options.sequenceAccountId ?? DEFAULT_SEQUENCE_ACCOUNT_ID,
  });
  const input = sequenceInputValidator();
  const router = createSequenceRouter({
    basePath: options.basePath,
    credentials: options.credentials,
    service,
    validateResponses: options.validateResponses ?? false,
    onError: options.onError,
  });
  // Bulk keys carry the event's index (`2.eventTimestamp`); a single event's keys stand alone.
  const ingest = (events: readonly CreateUsageEventRequest[], prefix: (index: number) => string) => {
    const violations: ErrorItem[] = events.flatMap((event, index) => input.eventViolations(event, prefix(index)));
    if (violations.length > 0) throw validationError(violations);
    return service.ingestEvents(events, prefix).map(detachedUsageEvent);
  };
  return {
    router,
    addMetric(definition, metricOptions = {}) {
      const { id } = metricOptions;
      if (id !== undefined && !METRIC_ID.test(id)) {
        throw validationError([violation('id', 'id must be 1-128 letters, digits or -._~, so it can stand in a URL path')]);
      }
      return structuredClone(service.createMetric(input.metric(definition), id));
    },
    addEvent: (event) => {
      const [stored] = ingest([event], () => '');
      if (!stored) throw new Error('ingest returned no event for one request');
      return stored;
    },
    addEvents: (events) => ingest(events, (index) => `${index}.`),
    getMetric: (id) => structuredClone(service.getMetric(id)),
    events: () => service.events().map((event) => detachedUsageEvent(toUsageEvent(event))),
  };
}
