/**
 * RFC 3339 timestamps as Svix reads and writes them. Svix parses with chrono, which rejects
 * impossible dates (Feb 30, hour 24) that `Date.parse` would roll over, and keeps sub-millisecond
 * digits, so parsing here is strict and reports whether digits beyond the millisecond were present.
 */

import { daysFromCivil, daysInMonth } from '../civil-date';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** An instant to the millisecond, with a flag for a remainder below it. */
export interface ParsedInstant {
  /** Milliseconds since the epoch, rounded down. */
  epochMs: number;
  /** True when the text had non-zero digits past the millisecond. */
  subMillisecond: boolean;
}

const DAY_MS = 86_400_000;

/** Parses an RFC 3339 date-time; `null` when it is not one or names an impossible date or time. */
export function parseInstant(text: string): ParsedInstant | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const zone = match[8] ?? 'Z';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // 60 is a leap second; as in chrono's millisecond timestamps, it lands on the next minute's start.
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetRest = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetRest > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const timeOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  const epochMs = daysFromCivil(year, month, day) * DAY_MS + timeOfDay - offsetMinutes * 60_000;
  return { epochMs, subMillisecond: /[1-9]/.test(fraction.slice(3)) };
}

/**
 * The first whole millisecond at or after the instant: the bound that selects exactly the
 * millisecond-stamped attempts at or after it (`t ≥ bound`) or before it (`t < bound`).
 */
export function ceilingMs(instant: ParsedInstant): number {
  return instant.subMillisecond ? instant.epochMs + 1 : instant.epochMs;
}

/** Svix writes timestamps in UTC with microseconds, e.g. `2025-03-03T03:03:03.000000Z`. */
export function formatSvixInstant(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}000Z`;
}
