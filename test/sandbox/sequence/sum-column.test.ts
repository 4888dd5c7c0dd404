/**
 * SUM over a series slice equals the exact decimal sum of the slice's values, whatever mix of
 * integers, decimals, huge and non-numeric values arrives, in whatever order and batches.
 */
import fc from 'fast-check';
import { addDecimals, toDecimal, type Decimal } from '../../../src/sandbox/sequence/decimal';
import { EventSeries } from '../../../src/sandbox/sequence/event-series';
import { sumSlice } from '../../../src/sandbox/sequence/sum-column';
import type { StoredEvent } from '../../../src/sandbox/sequence/types';

/** A decimal with its trailing zeros dropped, so equal values compare equal. */
function normalized({ units, scale }: Decimal): string {
  let [value, places] = [units, scale];
  while (places > 0 && value % 10n === 0n) [value, places] = [value / 10n, places - 1];
  return `${value}e-${places}`;
}

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 24 }))
  .map(([units, scale]) => {
    const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
    const point = digits.length - scale;
    return `${units < 0n ? '-' : ''}${digits.slice(0, point)}${scale > 0 ? `.${digits.slice(point)}` : ''}`;
  });

const value = fc.oneof(
  // Often enough that running totals cross 2^53 within one slice.
  { arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 7), weight: 3 },
  fc.integer({ min: -10_000, max: 10_000 }),
  fc.integer({ min: -10_000, max: 10_000 }).map((units) => units / 100),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 70, 0.1, -0, 5e-324, 'x', null, true),
  decimalText,
);

const entry = fc.record({ timestampMs: fc.integer({ min: 0, max: 50 }), value });

let nextRank = 0;
function add(series: EventSeries, { timestampMs, value: bytes }: { timestampMs: number; value: unknown }): void {
  nextRank += 1;
  const event = { id: `id-${nextRank}`, customerEventId: `e-${nextRank}`, timestampMs, eventProperties: { bytes } } as unknown as StoredEvent;
  series.add(event, nextRank);
}

describe('sumSlice', () => {
  it('equals the exact decimal sum of the slice, after every batch', () => {
    fc.assert(
      fc.property(fc.array(fc.array(entry, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { minLength: 1, maxLength: 4 }), (batches, ranges) => {
        const series = new EventSeries();
        for (const batch of batches) {
          batch.forEach((item) => add(series, item));
          series.settle(() => true);
          for (const [from, to] of ranges) {
            const [fromMs, toMs] = from <= to ? [from, to] : [to, from];
            const slice = series.slice(fromMs, toMs);
            const expected = addDecimals(
              series.events
                .filter((event) => event.timestampMs >= fromMs && event.timestampMs < toMs)
                .map((event) => toDecimal(event.eventProperties['bytes']))
                .filter((decimal): decimal is Decimal => decimal !== undefined),
            );
            expect(normalized(sumSlice(slice, 'bytes'))).toBe(normalized(expected));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads a property no event holds as zero', () => {
    const series = new EventSeries();
    add(series, { timestampMs: 1, value: 5 });
    expect(sumSlice(series.slice(0, 10), 'missing')).toStrictEqual({ units: 0n, scale: 0 });
  });
});
