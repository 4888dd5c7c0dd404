import fc from 'fast-check';
import { ceilingMs, formatSvixInstant, parseInstant } from '../../../src/sandbox/svix/instants';

const START = Date.UTC(2025, 0, 1);

describe('parseInstant', () => {
  it.each([
    ['2025-01-01T00:00:00Z', START, false],
    ['2025-01-01t00:00:00z', START, false],
    ['2025-01-01T05:30:00.250+05:30', START + 250, false],
    ['2024-12-31T19:00:00-05:00', START, false],
    ['2025-01-01T00:00:00.123000Z', START + 123, false],
    ['2025-01-01T00:00:00.1Z', START + 100, false],
    ['2025-02-12T22:24:32.864755Z', Date.UTC(2025, 1, 12, 22, 24, 32, 864), true],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29), false],
    // A leap second lands on the next minute's first millisecond.
    ['2025-12-31T23:59:60Z', Date.UTC(2026, 0, 1), false],
  ])('reads %s', (text, epochMs, subMillisecond) => {
    expect(parseInstant(text)).toStrictEqual({ epochMs, subMillisecond });
  });

  it('keeps years below 100 as written', () => {
    expect(parseInstant('0099-01-01T00:00:00Z')).toStrictEqual({ epochMs: Date.parse('0099-01-01T00:00:00.000Z'), subMillisecond: false });
    expect(parseInstant('0000-02-29T00:00:00Z')).toStrictEqual({ epochMs: Date.parse('0000-02-29T00:00:00.000Z'), subMillisecond: false });
  });

  it.each([
    '2025-02-29T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-00-10T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T23:60:00Z',
    '2025-01-01T23:59:61Z',
    '2025-01-01T00:00:00+24:00',
    '2025-01-01T00:00:00',
    '2025-01-01 00:00:00Z',
    '2025-01-01',
    '1735689600000',
    '',
  ])('rejects %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe('ceilingMs', () => {
  it('rounds a sub-millisecond remainder up and leaves whole milliseconds alone', () => {
    expect(ceilingMs({ epochMs: 10, subMillisecond: true })).toBe(11);
    expect(ceilingMs({ epochMs: 10, subMillisecond: false })).toBe(10);
  });
});

describe('formatSvixInstant', () => {
  it('writes UTC with six fraction digits, as Svix does', () => {
    expect(formatSvixInstant(START)).toBe('2025-01-01T00:00:00.000000Z');
    expect(formatSvixInstant(START + 1_001)).toBe('2025-01-01T00:00:01.001000Z');
  });
});

describe('parseInstant against Date', () => {
  it('agrees with Date.parse on every ISO string Date writes for years 0–9999', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
        expect(parseInstant(date.toISOString())).toStrictEqual({ epochMs: date.getTime(), subMillisecond: false });
      }),
      { numRuns: 200 },
    );
  });
});
