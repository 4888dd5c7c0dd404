/** A `CreateUsageEventRequest` (already schema-valid) turned into the event Sequence stores. */
import { formatInstant } from '../../usage/windows';
import { violation } from './api-error';
import { cloneProperties } from './clone-properties';
import { isCanonicalInstant, parseDateTime } from './instants';
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
  const text = request.eventTimestamp;
  const timestampMs = text == null ? context.receivedAt : parseDateTime(text);
  if (timestampMs === undefined) {
    return violation(`${keyPrefix}eventTimestamp`, `${keyPrefix}eventTimestamp must be an RFC 3339 date-time, e.g. 2024-03-01T10:00:00Z`);
  }
  return {
    id: context.id,
    customerEventId: request.customerEventId ?? context.id,
    customerAlias: request.customerAlias,
    eventType: request.eventType,
    sequenceAccountId: context.sequenceAccountId,
    eventTimestamp: text != null && isCanonicalInstant(text) ? text : formatInstant(timestampMs),
    eventProperties: cloneProperties(request.eventProperties ?? {}),
    timestampMs,
  };
}

/** The wire shape of a stored event (its properties still the stored ones), fields in toStoredEvent's order. */
export function toUsageEvent(event: StoredEvent): UsageEvent {
  const { id, customerEventId, customerAlias, eventType, sequenceAccountId, eventTimestamp, eventProperties } = event;
  return { id, customerEventId, customerAlias, eventType, sequenceAccountId, eventTimestamp, eventProperties };
}

/** A copy of a wire event that shares nothing with the store, as structuredClone would make it. */
export function detachedUsageEvent(event: UsageEvent): UsageEvent {
  return { ...event, eventProperties: cloneProperties(event.eventProperties) };
}
