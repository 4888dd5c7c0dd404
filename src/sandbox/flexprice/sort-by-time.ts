/**
 * Sorting row numbers by their timestamps. A comparator sort of a million rows takes seconds in V8;
 * this LSD radix sort over 16-bit digits of `timestamp − min` takes tens of milliseconds, and is
 * stable, so rows with equal timestamps keep their arrival order.
 */

const DIGIT = 65_536;

interface Lanes {
  rows: Int32Array;
  low: Uint32Array;
  high: Uint32Array;
}
const smallInput = 64;

/** Sorts `rows` in place by `timestamps[row]`, ascending and stable. */
export function sortRowsByTime(rows: Int32Array, timestamps: Float64Array): void {
  const count = rows.length;
  if (count < 2) return;
  if (count <= smallInput) {
    insertionSort(rows, timestamps);
    return;
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sorted = true;
  let previous = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index += 1) {
    const time = timestamps[rows[index] ?? 0] ?? 0;
    if (time < min) min = time;
    if (time > max) max = time;
    if (time < previous) sorted = false;
    previous = time;
  }
  if (sorted) return;
  // Keys are whole milliseconds below 2^53; split them into two 32-bit halves for the digit passes.
  const low = new Uint32Array(count);
  const high = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) {
    const key = (timestamps[rows[index] ?? 0] ?? 0) - min;
    low[index] = key % 4_294_967_296;
    high[index] = Math.floor(key / 4_294_967_296);
  }
  const range = max - min;
  const passes = range < DIGIT ? 1 : range < 4_294_967_296 ? 2 : range < 2 ** 48 ? 3 : 4;
  let source: Lanes = { rows, low, high };
  let target: Lanes = { rows: new Int32Array(count), low: new Uint32Array(count), high: new Uint32Array(count) };
  const counts = new Uint32Array(DIGIT);
  for (let pass = 0; pass < passes; pass += 1) {
    const keys = pass < 2 ? source.low : source.high;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let index = 0; index < count; index += 1) counts[((keys[index] ?? 0) >>> shift) & 0xffff]! += 1;
    let total = 0;
    for (let digit = 0; digit < DIGIT; digit += 1) {
      const bucket = counts[digit] ?? 0;
      counts[digit] = total;
      total += bucket;
    }
    for (let index = 0; index < count; index += 1) {
      const digit = ((keys[index] ?? 0) >>> shift) & 0xffff;
      const at = counts[digit] ?? 0;
      counts[digit] = at + 1;
      target.rows[at] = source.rows[index] ?? 0;
      target.low[at] = source.low[index] ?? 0;
      target.high[at] = source.high[index] ?? 0;
    }
    [source, target] = [target, source];
  }
  if (source.rows !== rows) rows.set(source.rows);
}

function insertionSort(rows: Int32Array, timestamps: Float64Array): void {
  for (let index = 1; index < rows.length; index += 1) {
    const row = rows[index] ?? 0;
    const time = timestamps[row] ?? 0;
    let at = index - 1;
    while (at >= 0 && (timestamps[rows[at] ?? 0] ?? 0) > time) {
      rows[at + 1] = rows[at] ?? 0;
      at -= 1;
    }
    rows[at + 1] = row;
  }
}
