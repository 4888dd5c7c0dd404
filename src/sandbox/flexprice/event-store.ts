/**
 * The simulator's events table. Rows live in columns (typed arrays where they are numbers) and
 * each event name keeps its rows in timestamp order. A row is identified as ClickHouse's
 * `ReplacingMergeTree` collapses rows: an event with the `(event_id, timestamp)` of a stored row
 * replaces it (the state after a merge); any other event is a new row, even with a known id.
 */
import { ColumnCache } from './column-cache';
import { storeFull } from './errors';
import type { PreparedEvent } from './ingest';
import type { EventProperties } from './json-extract';
import { TimeOrderedRows } from './partition';

/** Read access to the stored rows for the aggregation code; indexes are row numbers. */
export interface EventColumns {
  /** Increases with every write: the latest-ingested row of an id is its highest arrival. */
  readonly arrivals: Float64Array;
  /** 1 when another row carries the same event id, so aggregation must deduplicate it. */
  readonly sharedIds: Uint8Array;
  readonly ids: readonly string[];
  /** Property and customer columns, extracted once and reused by later queries. */
  readonly cache: ColumnCache;
}

/** The rows of one event name in a time range, in timestamp order, with their timestamps. */
export interface Selection {
  readonly columns: EventColumns;
  readonly rows: Int32Array;
  readonly times: Float64Array;
}

function grow<T extends Float64Array | Uint8Array>(column: T, size: number, make: (length: number) => T): T {
  if (size <= column.length) return column;
  const grown = make(Math.max(size, column.length * 2));
  grown.set(column);
  return grown;
}

/** Flexprice's `events` table for one simulator: rows, per-name time order, the cap. */
export class FlexpriceEventStore {
  private timestamps = new Float64Array(1024);
  private arrivals = new Float64Array(1024);
  private sharedIds = new Uint8Array(1024);
  private ids: string[] = [];
  private names: string[] = [];
  private externalCustomerIds: string[] = [];
  private customerIds: string[] = [];
  private properties: EventProperties[] = [];
  private rowsById = new Map<string, number | number[]>();
  private partitions = new Map<string, { name: string; rows: TimeOrderedRows }>();
  private arrival = 0;
  /** Counts in-place replacements and clears: derived columns built before one are stale. */
  private rewrites = 0;
  private readonly cache: ColumnCache;

  /** @param maxEvents how many rows the store holds at most; writes past it are refused whole. */
  constructor(readonly maxEvents: number) {
    this.cache = new ColumnCache({
      size: () => this.ids.length,
      rewrites: () => this.rewrites,
      properties: () => this.properties,
      externalCustomerIds: () => this.externalCustomerIds,
      customerIds: () => this.customerIds,
    });
  }

  /** Number of stored rows. */
  get size(): number {
    return this.ids.length;
  }

  /** Writes a batch, all of it or (store full) none of it. */
  insert(events: readonly PreparedEvent[]): void {
    if (this.size + events.length > this.maxEvents) {
      const added = this.countNewRows(events);
      if (this.size + added > this.maxEvents) throw storeFull(this.maxEvents, this.size, added);
    }
    for (const event of events) this.write(event);
  }

  /** The rows named `name` with `from <= timestamp < to`. */
  select(name: string, from: number, to: number): Selection {
    const columns: EventColumns = { arrivals: this.arrivals, sharedIds: this.sharedIds, ids: this.ids, cache: this.cache };
    const partition = this.partitions.get(name);
    if (!partition) return { columns, rows: new Int32Array(0), times: new Float64Array(0) };
    return { columns, ...partition.rows.range(from, to) };
  }

  /** Forgets every event. */
  clear(): void {
    this.timestamps = new Float64Array(1024);
    this.arrivals = new Float64Array(1024);
    this.sharedIds = new Uint8Array(1024);
    this.ids = [];
    this.names = [];
    this.externalCustomerIds = [];
    this.customerIds = [];
    this.properties = [];
    this.rowsById.clear();
    this.partitions.clear();
    this.rewrites += 1;
  }

  private sameTime(rows: number | number[] | undefined, timestamp: number): number | undefined {
    if (rows === undefined) return undefined;
    if (typeof rows === 'number') return this.timestamps[rows] === timestamp ? rows : undefined;
    return rows.find((row) => this.timestamps[row] === timestamp);
  }

  private countNewRows(events: readonly PreparedEvent[]): number {
    const seen = new Set<string>();
    let added = 0;
    for (const event of events) {
      if (this.sameTime(this.rowsById.get(event.id), event.timestamp) !== undefined) continue;
      const key = `${event.timestamp}\u0000${event.id}`;
      if (!seen.has(key)) added += 1;
      seen.add(key);
    }
    return added;
  }

  private partition(name: string): { name: string; rows: TimeOrderedRows } {
    let partition = this.partitions.get(name);
    if (!partition) {
      partition = { name, rows: new TimeOrderedRows() };
      this.partitions.set(name, partition);
    }
    return partition;
  }

  private write(event: PreparedEvent): void {
    this.arrival += 1;
    const partition = this.partition(event.name);
    const rowsOfId = this.rowsById.get(event.id);
    let row = this.sameTime(rowsOfId, event.timestamp);
    if (row !== undefined) {
      this.rewrites += 1;
      const previous = this.names[row] ?? '';
      if (previous !== event.name) {
        this.partitions.get(previous)?.rows.remove(row);
        partition.rows.add(row, event.timestamp);
      }
    } else {
      row = this.size;
      this.timestamps = grow(this.timestamps, row + 1, (length) => new Float64Array(length));
      this.arrivals = grow(this.arrivals, row + 1, (length) => new Float64Array(length));
      this.sharedIds = grow(this.sharedIds, row + 1, (length) => new Uint8Array(length));
      this.ids.push(event.id);
      this.timestamps[row] = event.timestamp;
      partition.rows.add(row, event.timestamp);
      this.index(event.id, row, rowsOfId);
    }
    this.names[row] = partition.name;
    this.arrivals[row] = this.arrival;
    this.externalCustomerIds[row] = event.externalCustomerId;
    this.customerIds[row] = event.customerId;
    this.properties[row] = event.properties;
  }

  private index(id: string, row: number, rows: number | number[] | undefined): void {
    if (rows === undefined) {
      this.rowsById.set(id, row);
      return;
    }
    const all = typeof rows === 'number' ? [rows, row] : [...rows, row];
    this.rowsById.set(id, all);
    for (const shared of all) this.sharedIds[shared] = 1;
  }
}
