/**
 * The live events of one event type and one customer alias, kept sorted by `eventTimestamp` so a
 * calculation reads its period as one contiguous slice found by binary search.
 */
import type { StoredEvent } from './types';

/** `[lo, hi)`: the positions of a series whose timestamps fall in `[fromMs, toMs)`. */
export interface SeriesSlice {
  series: EventSeries;
  lo: number;
  hi: number;
}

/** The first position whose time is at least `ms`. */
function lowerBound(times: readonly number[], ms: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Ingest only appends: a superseded entry is counted as stale and an out-of-order timestamp marks
 * the series unordered. Both are repaired in one pass by `settle`, which every read calls first,
 * so a bulk of resends or late events costs one sort, not one array splice per event.
 */
export class EventSeries {
  private eventList: StoredEvent[] = [];
  private timeList: number[] = [];
  private rankList: number[] = [];
  private stale = 0;
  private ordered = true;
  private receiptOrder = true;
  private settledGeneration = 0;

  /** Bumps whenever settling moves entries, so caches keyed by position know to rebuild. */
  get generation(): number {
    return this.settledGeneration;
  }

  /** The events, in timestamp order once settled (receipt order among equal timestamps). */
  get events(): readonly StoredEvent[] {
    return this.eventList;
  }

  /** `events[i].timestampMs`. */
  get times(): readonly number[] {
    return this.timeList;
  }

  /** The receipt rank of `events[i]`: its position among every row the store ever held. */
  get ranks(): readonly number[] {
    return this.rankList;
  }

  /**
   * True while timestamp order is also receipt order (events arrived in time order), so the
   * first and last positions of any slice hold its lowest and highest ranks.
   */
  get inReceiptOrder(): boolean {
    return this.receiptOrder;
  }

  /** Appends the newest version of an event; `rank` must exceed every rank added before. */
  add(event: StoredEvent, rank: number): void {
    const last = this.timeList[this.timeList.length - 1];
    if (last !== undefined && event.timestampMs < last) this.ordered = false;
    this.eventList.push(event);
    this.timeList.push(event.timestampMs);
    this.rankList.push(rank);
  }

  /** One of the held events has been superseded by a newer version (here or in another series). */
  markStale(): void {
    this.stale += 1;
  }

  /** Drops the entries `isLive` rejects and restores timestamp order, when anything changed. */
  settle(isLive: (event: StoredEvent) => boolean): void {
    if (this.stale === 0 && this.ordered) return;
    const { eventList, timeList, rankList } = this;
    const positions: number[] = [];
    for (let position = 0; position < eventList.length; position += 1) {
      if (this.stale === 0 || isLive(eventList[position] as StoredEvent)) positions.push(position);
    }
    // Array.prototype.sort is stable, so equal timestamps keep their receipt order.
    if (!this.ordered) positions.sort((a, b) => (timeList[a] as number) - (timeList[b] as number));
    this.eventList = positions.map((position) => eventList[position] as StoredEvent);
    this.timeList = positions.map((position) => timeList[position] as number);
    this.rankList = positions.map((position) => rankList[position] as number);
    // Dropping entries keeps ranks ascending; sorting by time may not.
    if (!this.ordered) this.receiptOrder = this.rankList.every((rank, index) => index === 0 || rank > (this.rankList[index - 1] as number));
    this.stale = 0;
    this.ordered = true;
    this.settledGeneration += 1;
  }

  /** The slice of events timed in `[fromMs, toMs)`; call `settle` first. */
  slice(fromMs: number, toMs: number): SeriesSlice {
    return { series: this, lo: lowerBound(this.timeList, fromMs), hi: lowerBound(this.timeList, toMs) };
  }
}
