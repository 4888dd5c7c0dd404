/**
 * Usage events of one simulated account. Sequence keeps every event it receives, but "if multiple
 * events with the same customer event ID are received, only the last one will contribute to usage
 * metric calculations": the store keeps all rows and indexes the latest per id.
 */
import { SequenceApiError } from './api-error';
import type { StoredEvent } from './types';

/** The event store behind ingest and calculate. */
export interface EventStore {
  /** Stores every event or, when they do not all fit under the cap, none. */
  addAll(events: readonly StoredEvent[]): void;
  /** The latest version of each `customerEventId` whose latest version has this event type. */
  latestOfType(eventType: string): Iterable<StoredEvent>;
  /** Every stored row, superseded ones included, in receipt order. */
  all(): readonly StoredEvent[];
}

/**
 * [INFERENCE] The `customerEventId` key is scoped to the account, not to a customer or event
 * type: a resend with another type or alias moves the event. Superseded rows count toward
 * `maxEvents`, since they are kept.
 */
export function createEventStore(maxEvents: number): EventStore {
  const rows: StoredEvent[] = [];
  const latest = new Map<string, StoredEvent>();
  const byType = new Map<string, Map<string, StoredEvent>>();

  const index = (event: StoredEvent) => {
    const previous = latest.get(event.customerEventId);
    if (previous && previous.eventType !== event.eventType) byType.get(previous.eventType)?.delete(event.customerEventId);
    latest.set(event.customerEventId, event);
    let ofType = byType.get(event.eventType);
    if (!ofType) byType.set(event.eventType, (ofType = new Map()));
    ofType.set(event.customerEventId, event);
  };

  return {
    addAll(events) {
      if (rows.length + events.length > maxEvents) {
        const room = maxEvents - rows.length;
        throw new SequenceApiError(
          400,
          'EventLimitExceeded',
          `This sandbox holds at most ${maxEvents} usage events (room left: ${room}, sent: ${events.length}); nothing was stored`,
        );
      }
      for (const event of events) {
        rows.push(event);
        index(event);
      }
    },
    latestOfType: (eventType) => byType.get(eventType)?.values() ?? [],
    all: () => rows,
  };
}
