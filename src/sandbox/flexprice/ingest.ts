/**
 * Ingest bodies → stored events, as Flexprice's `NewEvent` builds them: the name trimmed, the
 * timestamp defaulting to now, the id defaulting to `event_<ULID>`. Both ingest paths (HTTP and the
 * programmatic seed) run this after schema validation, so they cannot drift apart.
 */
import type { components } from '../../../generated/flexprice';
import { ingestBindMessage, validationError } from './errors';
import { generateEventId } from './event-id';
import { isGoZero, parseGoTime } from './go-time';
import { goJsonProblem } from './json-value';
import type { EventProperties } from './json-extract';

/** One event as `POST /events` takes it (and each item of a bulk). */
export type IngestEventRequest = components['schemas']['IngestEventRequest'];

/**
 * One event as the store keeps it: the columns of Flexprice's `events` table that usage reads
 * (`source` is accepted at ingest but no usage query reads it, so it is not kept).
 */
export interface PreparedEvent {
  readonly id: string;
  readonly name: string;
  readonly externalCustomerId: string;
  /** `""` when not sent: the column's default, and what no customer filter can match. */
  readonly customerId: string;
  /** Milliseconds since the epoch: the table stores `DateTime64(3)`. */
  readonly timestamp: number;
  readonly properties: EventProperties;
}

// Go's strings.TrimSpace: Unicode White_Space, which is not JS's trim set (U+0085 yes, U+FEFF no).
const goSpace = '[\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const goSpaceEdges = new RegExp(`^${goSpace}+|${goSpace}+$`, 'g');

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  return text.replace(goSpaceEdges, '');
}

/** Where each event sits in its request: the field prefix for errors and the JSON depth of the event. */
export interface EventLocation {
  readonly prefix: string;
  readonly depth: number;
}

/**
 * Builds stored events from schema-valid ingest bodies. Throws Flexprice's 400 naming the field
 * when Go's decoder would refuse one (a timestamp it cannot parse, a number beyond float64); it
 * checks every event before returning, so a refused batch writes nothing.
 */
export function prepareEvents(
  events: readonly IngestEventRequest[],
  nowMs: number,
  locate: (index: number) => EventLocation,
): PreparedEvent[] {
  return events.map((event, index) => {
    const { prefix, depth } = locate(index);
    let timestamp = nowMs;
    if (event.timestamp !== undefined) {
      const instant = parseGoTime(event.timestamp);
      if (!instant) {
        throw validationError(ingestBindMessage, { [`${prefix}timestamp`]: 'must be an RFC 3339 time such as 2024-03-13T10:00:00Z' });
      }
      if (!isGoZero(instant)) timestamp = instant.ms;
    }
    const properties = event.properties ?? {};
    const problem = goJsonProblem(properties, depth + 1);
    if (problem) throw validationError(ingestBindMessage, { [`${prefix}properties`]: problem });
    return {
      id: event.event_id ? event.event_id : generateEventId(nowMs),
      name: goTrimSpace(event.event_name),
      externalCustomerId: event.external_customer_id,
      customerId: event.customer_id ?? '',
      timestamp,
      properties,
    };
  });
}
