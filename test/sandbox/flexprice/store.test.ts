/** The event store's ordering, replacement and cap, and the radix sort under it. */
import fc from 'fast-check';
import { FlexpriceEventStore } from '../../../src/sandbox/flexprice/event-store';
import type { PreparedEvent } from '../../../src/sandbox/flexprice/ingest';
import { TimeOrderedRows } from '../../../src/sandbox/flexprice/partition';
import { sortRowsByTime } from '../../../src/sandbox/flexprice/sort-by-time';

const stored = (id: string, timestamp: number, name = 'api'): PreparedEvent => ({
  id, name, timestamp, externalCustomerId: 'c', customerId: '', properties: {},
});

describe('sortRowsByTime', () => {
  it('sorts like a stable comparator sort, for any spread of timestamps', () => {
    const timestamp = fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }));
    fc.assert(fc.property(fc.array(timestamp, { maxLength: 300 }), (times) => {
      const timestamps = Float64Array.from(times);
      const rows = Int32Array.from(times.keys());
      sortRowsByTime(rows, timestamps);
      const expected = [...times.keys()].sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
      expect([...rows]).toStrictEqual(expected);
    }), { numRuns: 200 });
  });
});

describe('TimeOrderedRows', () => {
  it('answers ranges like a filter over a stable sort, across automatic and on-read merges', () => {
    const batch = fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 1_500 });
    fc.assert(fc.property(fc.array(batch, { minLength: 1, maxLength: 4 }), fc.integer({ min: -10, max: 5_010 }), fc.nat(5_000), (batches, from, width) => {
      const partition = new TimeOrderedRows();
      const times: number[] = [];
      for (const added of batches) {
        for (const time of added) {
          partition.add(times.length, time);
          times.push(time);
        }
        const { rows, times: selected } = partition.range(from, from + width);
        const expected = [...times.keys()]
          .filter((row) => (times[row] ?? 0) >= from && (times[row] ?? 0) < from + width)
          .sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
        expect([...rows]).toStrictEqual(expected);
        expect([...selected]).toStrictEqual(expected.map((row) => times[row]));
      }
    }), { numRuns: 100 });
  });
});

describe('FlexpriceEventStore', () => {
  it('selects [from, to) in time order across writes that arrive out of order', () => {
    const store = new FlexpriceEventStore(100);
    store.insert([stored('a', 50), stored('b', 10), stored('c', 30)]);
    expect([...store.select('api', 10, 50).rows]).toStrictEqual([1, 2]);
    store.insert([stored('d', 20), stored('e', 40, 'other')]);
    const { rows, columns } = store.select('api', 0, 100);
    expect([...rows].map((row) => columns.ids[row])).toStrictEqual(['b', 'd', 'c', 'a']);
    expect(store.select('missing', 0, 100).rows.length).toBe(0);
  });

  it('replaces a row with the same (id, timestamp), and flags ids held by several rows', () => {
    const store = new FlexpriceEventStore(100);
    store.insert([stored('a', 10), stored('a', 20), stored('b', 30)]);
    store.insert([stored('a', 10)]);
    const { columns } = store.select('api', 0, 100);
    expect(store.size).toBe(3);
    expect([...columns.sharedIds.subarray(0, 3)]).toStrictEqual([1, 1, 0]);
    // the replaced row 0 is now the latest arrival
    expect([...columns.arrivals.subarray(0, 3)]).toStrictEqual([4, 2, 3]);
  });

  it('refuses a batch past the cap whole, and forgets everything on clear', () => {
    const store = new FlexpriceEventStore(2);
    store.insert([stored('a', 10)]);
    expect(() => store.insert([stored('b', 10), stored('c', 10)])).toThrow('400 invalid_operation: The sandbox event store is full: it holds at most 2 events');
    expect(store.size).toBe(1);
    store.clear();
    store.insert([stored('b', 10), stored('b', 20)]);
    expect([store.size, [...store.select('api', 0, 100).columns.sharedIds.subarray(0, 2)]]).toStrictEqual([2, [1, 1]]);
  });
});
