import { anchorDay, formatInstant, nextWindowStart, windowStart, windowsBetween } from '../../src/usage/windows';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => formatInstant(ms);

describe('windowStart', () => {
  it.each([
    ['MINUTE', '2024-03-13T10:17:42.500Z', '2024-03-13T10:17:00Z'],
    ['15MIN', '2024-03-13T10:44:59Z', '2024-03-13T10:30:00Z'],
    ['30MIN', '2024-03-13T10:44:59Z', '2024-03-13T10:30:00Z'],
    ['HOUR', '2024-03-13T10:44:59Z', '2024-03-13T10:00:00Z'],
    ['3HOUR', '2024-03-13T10:44:59Z', '2024-03-13T09:00:00Z'],
    ['6HOUR', '2024-03-13T10:44:59Z', '2024-03-13T06:00:00Z'],
    ['12HOUR', '2024-03-13T10:44:59Z', '2024-03-13T00:00:00Z'],
    ['DAY', '2024-03-13T23:59:59Z', '2024-03-13T00:00:00Z'],
    // 2024-03-13 is a Wednesday; weeks start on Sunday 2024-03-10.
    ['WEEK', '2024-03-13T10:00:00Z', '2024-03-10T00:00:00Z'],
    ['WEEK', '2024-03-10T00:00:00Z', '2024-03-10T00:00:00Z'],
    ['WEEK', '2024-03-09T23:59:59Z', '2024-03-03T00:00:00Z'],
    // 1969-12-31 was a Wednesday: its week starts on Sunday 1969-12-28.
    ['WEEK', '1969-12-31T12:00:00Z', '1969-12-28T00:00:00Z'],
    ['MONTH', '2024-02-29T12:00:00Z', '2024-02-01T00:00:00Z'],
  ] as const)('%s holds %s from %s', (size, instant, start) => {
    expect(iso(windowStart(at(instant), size))).toBe(start);
  });

  it('starts anchored months on the anchor day, irregular past the 28th as Flexprice computes them', () => {
    expect(iso(windowStart(at('2024-03-20T05:00:00Z'), 'MONTH', 15))).toBe('2024-03-15T00:00:00Z');
    expect(iso(windowStart(at('2024-03-10T05:00:00Z'), 'MONTH', 15))).toBe('2024-02-15T00:00:00Z');
    expect(iso(windowStart(at('2024-03-01T00:00:00Z'), 'MONTH', 31))).toBe('2024-01-31T00:00:00Z');
    expect(iso(windowStart(at('2024-03-02T00:00:00Z'), 'MONTH', 31))).toBe('2024-03-02T00:00:00Z');
    expect(iso(windowStart(at('2024-03-31T00:00:00Z'), 'MONTH', 31))).toBe('2024-03-31T00:00:00Z');
  });
});

describe('nextWindowStart', () => {
  it('steps fixed sizes, weeks, months and anchored months', () => {
    expect(iso(nextWindowStart(at('2024-03-13T09:00:00Z'), '3HOUR'))).toBe('2024-03-13T12:00:00Z');
    expect(iso(nextWindowStart(at('2024-03-10T00:00:00Z'), 'WEEK'))).toBe('2024-03-17T00:00:00Z');
    expect(iso(nextWindowStart(at('2024-12-01T00:00:00Z'), 'MONTH'))).toBe('2025-01-01T00:00:00Z');
    expect(iso(nextWindowStart(at('2024-01-31T00:00:00Z'), 'MONTH', 31))).toBe('2024-03-02T00:00:00Z');
    expect(iso(nextWindowStart(at('2024-03-02T00:00:00Z'), 'MONTH', 31))).toBe('2024-03-31T00:00:00Z');
  });

  it('keeps two-digit years as they are', () => {
    const june50 = new Date(0);
    june50.setUTCFullYear(50, 5, 15);
    expect(new Date(windowStart(june50.getTime(), 'MONTH')).toISOString()).toBe('0050-06-01T00:00:00.000Z');
    expect(new Date(nextWindowStart(windowStart(june50.getTime(), 'MONTH'), 'MONTH')).toISOString()).toBe('0050-07-01T00:00:00.000Z');
  });
});

describe('windowsBetween', () => {
  it('clips the first and last window to the period', () => {
    expect(windowsBetween(at('2024-03-13T00:00:00Z'), at('2024-03-20T12:00:00Z'), 'WEEK').map(({ start, end }) => [iso(start), iso(end)])).toStrictEqual([
      ['2024-03-13T00:00:00Z', '2024-03-17T00:00:00Z'],
      ['2024-03-17T00:00:00Z', '2024-03-20T12:00:00Z'],
    ]);
  });

  it('stops one past the limit so callers can tell the period holds more', () => {
    expect(windowsBetween(at('2024-03-01T00:00:00Z'), at('2024-03-31T00:00:00Z'), 'DAY', undefined, 5)).toHaveLength(6);
  });
});

describe('anchorDay', () => {
  it('reads the day in the anchor\'s own offset', () => {
    expect(anchorDay('2024-03-05T23:30:00-05:00')).toBe(5);
    expect(anchorDay('2024-01-31T00:00:00Z')).toBe(31);
  });
});
