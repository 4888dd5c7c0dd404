/**
 * The rows of one event name, kept in timestamp order (row numbers and their timestamps side by
 * side) so a query finds its range by binary search and reads times sequentially. New rows land
 * in an unsorted tail; once the tail outgrows a quarter of the sorted part, or a read needs it,
 * it is radix-sorted and merged in. Loading stays O(1) amortised per event and reads rarely sort.
 */
import { sortRowsByTime } from './sort-by-time';

/** A partition's rows in a time range: row numbers and their timestamps, index for index. */
export interface RowRange {
  readonly rows: Int32Array;
  readonly times: Float64Array;
}

/** One event name's rows and timestamps, sorted by time (with an unsorted tail between merges). */
export class TimeOrderedRows {
  private rows = new Int32Array(16);
  private times = new Float64Array(16);
  private length = 0;
  private sortedLength = 0;

  /** Number of rows held. */
  get size(): number {
    return this.length;
  }

  add(row: number, time: number): void {
    if (this.length === this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      const times = new Float64Array(this.rows.length * 2);
      rows.set(this.rows);
      times.set(this.times);
      this.rows = rows;
      this.times = times;
    }
    this.rows[this.length] = row;
    this.times[this.length] = time;
    this.length += 1;
    if (this.length - this.sortedLength > Math.max(1024, this.sortedLength / 4)) this.settle();
  }

  /** Takes a row out (it moved to another event name); rare, so a linear search is fine. */
  remove(row: number): void {
    const at = this.rows.subarray(0, this.length).indexOf(row);
    if (at === -1) return;
    this.rows.copyWithin(at, at + 1, this.length);
    this.times.copyWithin(at, at + 1, this.length);
    this.length -= 1;
    if (at < this.sortedLength) this.sortedLength -= 1;
  }

  /** The rows with `from <= timestamp < to`, in timestamp order (views, not copies). */
  range(from: number, to: number): RowRange {
    this.settle();
    const start = this.lowerBound(from);
    const end = Math.max(start, this.lowerBound(to));
    return { rows: this.rows.subarray(start, end), times: this.times.subarray(start, end) };
  }

  private lowerBound(time: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.times[middle] ?? 0) < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private settle(): void {
    if (this.sortedLength === this.length) return;
    const count = this.length - this.sortedLength;
    // Sort the tail by position so its times can travel with it, then gather both.
    const order = new Int32Array(count);
    for (let index = 0; index < count; index += 1) order[index] = index;
    sortRowsByTime(order, this.times.subarray(this.sortedLength, this.length));
    const tailRows = new Int32Array(count);
    const tailTimes = new Float64Array(count);
    for (let index = 0; index < count; index += 1) {
      const from = this.sortedLength + (order[index] ?? 0);
      tailRows[index] = this.rows[from] ?? 0;
      tailTimes[index] = this.times[from] ?? 0;
    }
    // Merge from the back so the sorted part moves at most once; ties keep the older row first.
    let left = this.sortedLength - 1;
    let right = count - 1;
    for (let at = this.length - 1; right >= 0; at -= 1) {
      if (left >= 0 && (this.times[left] ?? 0) > (tailTimes[right] ?? 0)) {
        this.rows[at] = this.rows[left] ?? 0;
        this.times[at] = this.times[left] ?? 0;
        left -= 1;
      } else {
        this.rows[at] = tailRows[right] ?? 0;
        this.times[at] = tailTimes[right] ?? 0;
        right -= 1;
      }
    }
    this.sortedLength = this.length;
  }
}
