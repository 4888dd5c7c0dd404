/** The Go readings the simulator copies: RFC 3339 times, shopspring decimals, TrimSpace. */
import fc from 'fast-check';
import { goDecimalSign, goDecimalString, goDecimalToNumber, parseGoDecimal } from '../../../src/sandbox/flexprice/go-decimal';
import { daysFromCivil } from '../../../src/sandbox/civil-date';
import { isBefore, parseGoTime } from '../../../src/sandbox/flexprice/go-time';
import { goTrimSpace } from '../../../src/sandbox/flexprice/ingest';

describe('parseGoTime', () => {
  it('reads UTC, offsets and up to nine fractional digits (dropping the rest)', () => {
    expect(parseGoTime('2024-03-13T10:00:00Z')).toStrictEqual({ ms: 1_710_324_000_000, nanos: 0 });
    // 10:00+05:30 is 04:30Z = 1710324000000 − 5.5 h
    expect(parseGoTime('2024-03-13T10:00:00+05:30')).toStrictEqual({ ms: 1_710_304_200_000, nanos: 0 });
    expect(parseGoTime('2024-03-13T10:00:00.123456789123-00:00')).toStrictEqual({ ms: 1_710_324_000_123, nanos: 456_789 });
  });

  it('reads years outside Date.UTC\'s two-digit trap', () => {
    // 0001-01-01 is 719,162 days before 1970-01-01
    expect(parseGoTime('0001-01-01T00:00:00Z')).toStrictEqual({ ms: -719_162 * 86_400_000, nanos: 0 });
    expect(parseGoTime('0099-12-31T00:00:00Z')?.ms).toBe(Date.parse('+000099-12-31T00:00:00Z'));
  });

  it('refuses what Go refuses', () => {
    for (const text of ['2024-03-13t10:00:00Z', '2024-03-13T10:00:00z', '2024-03-13 10:00:00Z', '2024-03-13T10:00:00+0530', '2024-03-13T10:00:00',
      '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-03-13T10:60:00Z', '2024-03-13T10:00:60Z', '2024-03-13T10:00:00+24:00', '2024-03-13T10:00:00.Z']) {
      expect([text, parseGoTime(text)]).toStrictEqual([text, undefined]);
    }
  });

  it('agrees with Date.parse on every ISO instant in years 1-9999', () => {
    fc.assert(fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
      expect(parseGoTime(date.toISOString())).toStrictEqual({ ms: date.getTime(), nanos: 0 });
    }), { numRuns: 200 });
  });

  it('orders instants to the nanosecond', () => {
    expect(isBefore({ ms: 5, nanos: 10 }, { ms: 5, nanos: 11 })).toBe(true);
    expect(isBefore({ ms: 5, nanos: 11 }, { ms: 5, nanos: 11 })).toBe(false);
    expect(daysFromCivil(2024, 3, 10)).toBe(19_792);
  });
});

describe('Go decimals', () => {
  it('parses what NewFromString parses and prints as String()', () => {
    const cases: Array<[string, string, number]> = [
      ['1.5', '1.5', 1.5], ['+2', '2', 2], ['-1.50', '-1.5', -1.5], ['.5', '0.5', 0.5], ['5.', '5', 5],
      ['1e-7', '0.0000001', 1e-7], ['0.0000001', '0.0000001', 1e-7], ['-2E+2', '-200', -200], ['0.000', '0', 0],
      ['12345678901234567890.25', '12345678901234567890.25', Number('12345678901234567890.25')],
    ];
    for (const [text, shown, value] of cases) {
      const decimal = parseGoDecimal(text);
      expect([text, decimal && goDecimalString(decimal), decimal && goDecimalToNumber(decimal)]).toStrictEqual([text, shown, value]);
    }
  });

  it('refuses what NewFromString refuses', () => {
    for (const text of ['', '.', '-', '1.2.3', '1e', 'e5', '1e5.5', '0x10', ' 1', '1 ', '1_000', 'NaN', 'Infinity', '1e2147483648']) {
      expect([text, parseGoDecimal(text)]).toStrictEqual([text, undefined]);
    }
  });

  it('gives signs and writes huge exponents compactly', () => {
    expect([parseGoDecimal('-0'), parseGoDecimal('3'), parseGoDecimal('-3')].map((decimal) => decimal && goDecimalSign(decimal))).toStrictEqual([0, 1, -1]);
    const huge = parseGoDecimal('-1e2147483647');
    expect(huge && [goDecimalString(huge), goDecimalToNumber(huge)]).toStrictEqual(['-1e2147483647', Number.NEGATIVE_INFINITY]);
  });
});

describe('goTrimSpace', () => {
  it('trims Unicode White_Space, which differs from String.prototype.trim', () => {
    expect(goTrimSpace('\u0085\u3000 api \t\n')).toBe('api');
    // U+FEFF is not White_Space in Go
    expect(goTrimSpace('\uFEFFapi')).toBe('\uFEFFapi');
  });
});
