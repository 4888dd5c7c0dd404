/**
 * Window arithmetic in UTC, as Flexprice buckets events: fixed sizes count from midnight, weeks
 * start on Sunday, months on the 1st or on a billing anchor's day of month.
 */
import type { WindowSize } from './model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const fixedLengths: Partial<Record<WindowSize, number>> = {
  MINUTE,
  '15MIN': 15 * MINUTE,
  '30MIN': 30 * MINUTE,
  HOUR,
  '3HOUR': 3 * HOUR,
  '6HOUR': 6 * HOUR,
  '12HOUR': 12 * HOUR,
  DAY,
};

/** The day of month of an RFC 3339 timestamp, read in its own offset (as Go's `Time.Day()`). */
export function anchorDay(billingAnchor: string): number {
  return Number(billingAnchor.slice(8, 10));
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** The 1st of a month; `Date.UTC` would read years 0–99 as 1900–1999. */
function firstOfMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 1);
  return date.getTime();
}

function startOfMonth(ms: number): number {
  const date = new Date(ms);
  return firstOfMonth(date.getUTCFullYear(), date.getUTCMonth());
}

/**
 * The start of the window holding `ms`. With an anchor day `d`, a MONTH window starts at
 * `startOfMonth(date − (d−1) days) + (d−1) days`: Flexprice's formula, irregular for d > 28.
 */
export function windowStart(ms: number, size: WindowSize, anchor?: number): number {
  const length = fixedLengths[size];
  if (length !== undefined) return Math.floor(ms / length) * length;
  if (size === 'WEEK') {
    const day = Math.floor(ms / DAY);
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    return (day - weekday) * DAY;
  }
  if (anchor === undefined || anchor <= 1) return startOfMonth(ms);
  const shift = (anchor - 1) * DAY;
  return startOfMonth(startOfDay(ms) - shift) + shift;
}

/** The start of the window after the one starting at `start`. */
export function nextWindowStart(start: number, size: WindowSize, anchor?: number): number {
  const length = fixedLengths[size];
  if (length !== undefined) return start + length;
  if (size === 'WEEK') return start + 7 * DAY;
  if (anchor === undefined || anchor <= 1) {
    const date = new Date(start);
    return firstOfMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
  }
  // Anchored windows have no closed form for their end: walk to the first day of the next one.
  let day = start + DAY;
  while (windowStart(day, size, anchor) === start) day += DAY;
  return day;
}

export interface WindowRange {
  start: number;
  end: number;
}

/**
 * The windows covering `[from, to)`, each clipped to it, at most `limit` of them (one more is
 * returned when the range needs more, so callers can tell).
 */
export function windowsBetween(
  from: number,
  to: number,
  size: WindowSize,
  anchor?: number,
  limit = Number.POSITIVE_INFINITY,
): WindowRange[] {
  const windows: WindowRange[] = [];
  let start = windowStart(from, size, anchor);
  while (start < to && windows.length <= limit) {
    const end = nextWindowStart(start, size, anchor);
    windows.push({ start: Math.max(start, from), end: Math.min(end, to) });
    start = end;
  }
  return windows;
}

/** RFC 3339 in UTC without fractional seconds when there are none (`2024-03-13T00:00:00Z`). */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
