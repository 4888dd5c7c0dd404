/** A `CreateUsageEventRequest` (already schema-valid) turned into the event Sequence stores. */
import { formatInstant } from '../../usage/windows';
import { violation } from './api-error';
import { parseDateTime } from './instants';
import type { CreateUsageEventRequest, ErrorItem, StoredEvent, UsageEvent } from './types';

/** What the simulator supplies for each new event. */
export interface EventContext {
  id: string;
  sequenceAccountId: string;
  /** The injected clock's reading at receipt, epoch ms. */
  receivedAt: number;
}

/**
 * The stored event, or the violations that stop it.
 * [INFERENCE] A missing or null `eventTimestamp` is the time of receipt ("the server fills it").
 * [INFERENCE] A missing or null `customerEventId` becomes the event's own id: unique, so it
 * supersedes nothing (Sequence says only that it is "auto-generated").
 * Timestamps come back normalized to UTC (`2024-03-01T10:00:00Z`), millisecond precision.
 */
export function toStoredEvent(request: CreateUsageEventRequest, context: EventContext, keyPrefix = ''): StoredEvent | ErrorItem {
  const timestampMs = request.eventTimestamp == null ? context.receivedAt : parseDateTime(request.eventTimestamp);
  if (timestampMs === undefined) {
    return violation(`${keyPrefix}eventTimestamp`, `${keyPrefix}eventTimestamp must be an RFC 3339 date-time, e.g. 2024-03-01T10:00:00Z`);
  }
  return {
    id: context.id,
    customerEventId: request.customerEventId ?? context.id,
    customerAlias: request.customerAlias,
    eventType: request.eventType,
    sequenceAccountId: context.sequenceAccountId,
    eventTimestamp: formatInstant(timestampMs),
    eventProperties: structuredClone(request.eventProperties ?? {}),
    timestampMs,
  };
}

/** The wire shape of a stored event. */
export function toUsageEvent({ timestampMs: _timestampMs, ...event }: StoredEvent): UsageEvent {
  return event;
}
