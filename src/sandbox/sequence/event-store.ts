/**
 * Usage events of one simulated account. Sequence keeps every event it receives, but "if multiple
 * events with the same customer event ID are received, only the last one will contribute to usage
 * metric calculations": the store keeps all rows and indexes the latest per id, by event type and
 * customer alias, in timestamp order (see event-series.ts).
 */
import { SequenceApiError } from './api-error';
import { EventSeries, type SeriesSlice } from './event-series';
import type { StoredEvent } from './types';

/** The live events a calculation may read: one time-bounded slice per requested alias that has any. */
export interface EventSelection {
  slices: SeriesSlice[];
  /**
   * True while every stored id sorts after the ids stored before it, as the UUIDv7 generator
   * guarantees: the smallest receipt rank then holds the smallest id, and ranks compare faster.
   */
  idsFollowRanks: boolean;
}

/** The event store behind ingest and calculate. */
export interface EventStore {
  /** Stores every event or, when they do not all fit under the cap, none. */
  addAll(events: readonly StoredEvent[]): void;
  /** The latest version of each `customerEventId` with this type, one of the aliases, timed in `[fromMs, toMs)`. */
  select(eventType: string, aliases: Iterable<string>, fromMs: number, toMs: number): EventSelection;
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
  const byType = new Map<string, Map<string, EventSeries>>();
  const isLive = (event: StoredEvent) => latest.get(event.customerEventId) === event;
  let idsFollowRanks = true;

  const seriesOf = (eventType: string, alias: string): EventSeries => {
    let byAlias = byType.get(eventType);
    if (!byAlias) byType.set(eventType, (byAlias = new Map()));
    let series = byAlias.get(alias);
    if (!series) byAlias.set(alias, (series = new EventSeries()));
    return series;
  };

  const index = (event: StoredEvent, rank: number) => {
    const previous = latest.get(event.customerEventId);
    if (previous) byType.get(previous.eventType)?.get(previous.customerAlias)?.markStale();
    latest.set(event.customerEventId, event);
    seriesOf(event.eventType, event.customerAlias).add(event, rank);
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
        const before = rows[rows.length - 1];
        if (before && !(event.id > before.id)) idsFollowRanks = false;
        index(event, rows.length);
        rows.push(event);
      }
    },
    select(eventType, aliases, fromMs, toMs) {
      const slices: SeriesSlice[] = [];
      const byAlias = byType.get(eventType);
      for (const alias of aliases) {
        const series = byAlias?.get(alias);
        if (!series) continue;
        series.settle(isLive);
        const slice = series.slice(fromMs, toMs);
        if (slice.hi > slice.lo) slices.push(slice);
      }
      return { slices, idsFollowRanks };
    },
    all: () => rows,
  };
}
