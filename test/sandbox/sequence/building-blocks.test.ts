/** Edge cases of the pure pieces behind the HTTP tests: decimals, instants and UUIDv7 ids. */
import { sumDecimals, toDecimal, type Decimal } from '../../../src/sandbox/sequence/decimal';
import { parseDate, parseDateTime } from '../../../src/sandbox/sequence/instants';
import { createUuidV7Generator } from '../../../src/sandbox/sequence/uuid-v7';
import { uuidV7Time } from './harness';

const sum = (...values: unknown[]) => sumDecimals(values.map(toDecimal).filter((value): value is Decimal => value !== undefined));

describe('decimal sums', () => {
  it.each([
    [[0.1, 0.2], 0.3],
    [['150.035', '-50.035'], 100],
    [['+1.5', 1e21], 1e21],
    [['0.1', '0.7'], 0.8],
    [[5e-324, 5e-324], 1e-323],
    [['0.000', '-0'], 0],
    [[], 0],
  ])('adds %j exactly to %d', (values, total) => {
    expect(sum(...values)).toBe(total);
  });

  it.each([['1,5'], ['1e3'], [' 2'], ['0x10'], ['.5'], ['5.'], [''], [true], [null], [{}], [[1]], [Number.NaN], [Number.POSITIVE_INFINITY], ['9'.repeat(400)]])(
    '%j is not a number',
    (value) => {
      expect(toDecimal(value)).toBeUndefined();
    },
  );

  it('answers Infinity past the double range, for the caller to refuse', () => {
    expect(sum(1.7e308, 1.7e308)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('instants', () => {
  it.each([
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['0001-01-01', Date.parse('0001-01-01T00:00:00Z')],
    ['2023-02-29', undefined],
    ['2024-13-01', undefined],
    ['2024-1-01', undefined],
  ])('parseDate(%j)', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each([
    ['2016-12-31T23:59:60Z', Date.UTC(2017, 0, 1)],
    ['2024-03-01 10:00:00+0530', Date.UTC(2024, 2, 1, 4, 30)],
    ['2024-03-01T10:00:00-02', Date.UTC(2024, 2, 1, 12)],
    ['0099-03-01T00:00:00Z', Date.parse('0099-03-01T00:00:00Z')],
    ['2024-03-01T24:00:00Z', undefined],
    ['2024-03-01T10:00:00+24:00', undefined],
    ['2024-03-01T10:00:00', undefined],
  ])('parseDateTime(%j)', (text, expected) => {
    expect(parseDateTime(text)).toBe(expected);
  });
});

describe('UUIDv7 ids', () => {
  it('borrows the next millisecond once 4096 ids share one, and never steps back with the clock', () => {
    let clock = 1_700_000_000_000;
    const next = createUuidV7Generator(() => clock);
    const ids = Array.from({ length: 4097 }, () => next());
    expect(uuidV7Time(ids[4095] ?? '')).toBe(1_700_000_000_000);
    expect(ids[4095]?.slice(14, 18)).toBe('7fff');
    expect(uuidV7Time(ids[4096] ?? '')).toBe(1_700_000_000_001);
    clock -= 10_000;
    const late = next();
    expect(uuidV7Time(late)).toBe(1_700_000_000_001);
    expect([...ids, late].sort()).toStrictEqual([...ids, late]);
  });
});
