/**
 * The three operations over the store, shared by HTTP and the programmatic entry points. The
 * HTTP handlers get bodies express-openapi-validator already checked; the programmatic ones check
 * the same schemas first (schema-check.ts) and then run the very same code.
 */
import type { components } from '../../../generated/flexprice';
import { aggregateUsage, type GetUsageResponse } from './aggregate-usage';
import { ingestBindMessage, usageBindMessage } from './errors';
import type { FlexpriceEventStore } from './event-store';
import { prepareEvents, type IngestEventRequest } from './ingest';
import type { FlexpriceHandlers } from './router';
import { assertSchema } from './schema-check';
import { normalizeUsageBody, planUsage, type GetUsageRequest } from './usage-plan';

type IngestEventResponse = components['schemas']['IngestEventResponse'];
type BulkIngestEventRequest = components['schemas']['BulkIngestEventRequest'];
type BulkIngestEventResponse = components['schemas']['BulkIngestEventResponse'];

/** The operations, given the store and the injected clock. */
export interface FlexpriceOperations {
  usage(request: GetUsageRequest): GetUsageResponse;
  /** Stores the events (all or none) and returns their ids, generated where missing. */
  ingest(events: readonly IngestEventRequest[], bulk: boolean): string[];
}

/** Usage and ingest over `store`, reading the clock once per request. */
export function createFlexpriceOperations(store: FlexpriceEventStore, now: () => number): FlexpriceOperations {
  return {
    usage(request) {
      const plan = planUsage(request, now());
      return aggregateUsage(store.select(plan.eventName, plan.from, plan.to), plan);
    },
    ingest(events, bulk) {
      // A bulk event sits three levels deep in its body ({"events":[{…}]}), a single one at the top.
      const prepared = prepareEvents(events, now(), (index) => (bulk ? { prefix: `events[${index}].`, depth: 3 } : { prefix: '', depth: 1 }));
      store.insert(prepared);
      return prepared.map((event) => event.id);
    },
  };
}

/** The express handlers over the operations. */
export function createFlexpriceHandlers(operations: FlexpriceOperations): FlexpriceHandlers {
  return {
    usage(req, res) {
      res.status(200).json(operations.usage(req.body as GetUsageRequest));
    },
    ingest(req, res) {
      const [eventId = ''] = operations.ingest([req.body as IngestEventRequest], false);
      res.status(202).json({ message: 'Event accepted for processing', event_id: eventId } satisfies IngestEventResponse);
    },
    bulk(req, res) {
      operations.ingest((req.body as BulkIngestEventRequest).events, true);
      // The server does not return the ids, whatever its docs say.
      res.status(202).json({ message: 'Events accepted for processing' } satisfies BulkIngestEventResponse);
    },
  };
}

/** Programmatic usage: the spec check, then the same operation as `POST /events/usage`. */
export function checkedUsage(operations: FlexpriceOperations, request: unknown): GetUsageResponse {
  const normalized = normalizeUsageBody(request);
  assertSchema('GetUsageRequest', normalized, usageBindMessage);
  return operations.usage(normalized as GetUsageRequest);
}

/** Programmatic ingest (the seed's path): each event checked against the spec, then stored like a bulk. */
export function checkedIngest(operations: FlexpriceOperations, events: readonly unknown[]): string[] {
  events.forEach((event, index) => assertSchema('IngestEventRequest', event, ingestBindMessage, `events[${index}].`));
  return operations.ingest(events as IngestEventRequest[], true);
}
