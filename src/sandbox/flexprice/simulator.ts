/**
 * The Flexprice simulator: `POST /events/usage`, `/events` and `/events/bulk` under a base path,
 * computed from stored events with the semantics of Flexprice's current server (HEAD), and a
 * programmatic door to the same code for seeding and benchmarks.
 */
import type { Request, Router } from 'express';
import type { GetUsageResponse } from './aggregate-usage';
import { FlexpriceEventStore } from './event-store';
import { checkedIngest, checkedUsage, createFlexpriceHandlers, createFlexpriceOperations } from './handlers';
import { createFlexpriceRouter } from './router';

/** How to build a simulator; see `createFlexpriceSimulator`. */
export interface FlexpriceSimulatorOptions {
  /** Where the API lives, ending in `/v1` as Flexprice's does, e.g. `/sandbox/flexprice/v1`. */
  readonly basePath: string;
  /** The `x-api-key` values accepted; any other gets Flexprice's 401. */
  readonly apiKeys: readonly string[];
  /** The most events the store holds; ingest past it is refused whole. */
  readonly maxEvents: number;
  /** The clock (ms since the epoch): default ranges, default timestamps, generated ids. */
  readonly now: () => number;
  /** Check every response against the spec and answer 500 on a violation (on in tests). */
  readonly validateResponses?: boolean;
  /** Called with the cause of every 5xx, e.g. a logger. */
  readonly onError?: (error: unknown, req: Request) => void;
}

/** A running simulator: its router and the programmatic door to its store. */
export interface FlexpriceSimulator {
  /** Mount at the application root: it answers paths under `basePath` only. */
  readonly router: Router;
  /**
   * Stores events as `POST /events/bulk` does (same schema, same checks, all or none) but with no
   * 1,000-event limit per call. Returns their ids. Throws `FlexpriceSimulatorError` on bad input or
   * a full store. The store keeps the `properties` objects: do not change them afterwards.
   */
  ingest(events: readonly unknown[]): string[];
  /** Answers a usage request as `POST /events/usage` would; throws `FlexpriceSimulatorError` on a 4xx. */
  usage(request: unknown): GetUsageResponse;
  /** Number of stored events. */
  eventCount(): number;
  /** Forgets every event. */
  clear(): void;
}

function checkOptions(options: FlexpriceSimulatorOptions): void {
  if (!/^\/\S*[^/]$/.test(options.basePath)) {
    throw new TypeError(`basePath must start with "/" and not end with one, got ${JSON.stringify(options.basePath)}`);
  }
  if (!Number.isSafeInteger(options.maxEvents) || options.maxEvents < 0) {
    throw new TypeError(`maxEvents must be a whole number >= 0, got ${options.maxEvents}`);
  }
  if (options.apiKeys.some((key) => typeof key !== 'string' || key === '')) {
    throw new TypeError('apiKeys must be non-empty strings');
  }
}

/** Builds a simulator with an empty store. */
export function createFlexpriceSimulator(options: FlexpriceSimulatorOptions): FlexpriceSimulator {
  checkOptions(options);
  const store = new FlexpriceEventStore(options.maxEvents);
  const operations = createFlexpriceOperations(store, options.now);
  const router = createFlexpriceRouter({
    basePath: options.basePath,
    apiKeys: options.apiKeys,
    validateResponses: options.validateResponses ?? false,
    handlers: createFlexpriceHandlers(operations),
    onError: options.onError,
  });
  return {
    router,
    ingest: (events) => checkedIngest(operations, events),
    usage: (request) => checkedUsage(operations, request),
    eventCount: () => store.size,
    clear: () => store.clear(),
  };
}
