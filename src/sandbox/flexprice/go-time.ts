/**
 * RFC 3339 timestamps as Flexprice's Go server reads them (`time.Time` JSON decoding): stricter
 * than the spec's `date-time` format (upper-case `T` and `Z`, a colon in the offset, seconds up to
 * 59), nanosecond precision, years 0000-9999.
 */

/** An instant as Go holds it: whole milliseconds since the epoch plus the nanoseconds below them. */
export interface GoInstant {
  readonly ms: number;
  readonly nanos: number;
}

import { daysFromCivil, daysInMonth } from '../civil-date';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The number written by `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parses like Go's `time.Time.UnmarshalJSON` (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`);
 * `undefined` where Go would fail the bind. Hand-rolled: ingest parses every event's timestamp.
 */
export function parseGoTime(text: string): GoInstant | undefined {
  if (text.length < 20) return undefined;
  const year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 2), day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2), minute = digitsAt(text, 14, 2), second = digitsAt(text, 17, 2);
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let at = 19;
  let nanoseconds = 0;
  if (text[at] === '.') {
    let digits = 0;
    for (at += 1; at < text.length && digitsAt(text, at, 1) >= 0; at += 1) {
      // Go keeps nine fractional digits and drops the rest.
      if (digits < 9) nanoseconds = nanoseconds * 10 + digitsAt(text, at, 1);
      digits += 1;
    }
    if (digits === 0) return undefined;
    nanoseconds *= 10 ** (9 - Math.min(digits, 9));
  }
  let offset = 0;
  if (text[at] !== 'Z' || at + 1 !== text.length) {
    const zoneHours = digitsAt(text, at + 1, 2), zoneMinutes = digitsAt(text, at + 4, 2);
    const sign = text[at];
    if (at + 6 !== text.length || (sign !== '+' && sign !== '-') || text[at + 3] !== ':') return undefined;
    if (zoneHours < 0 || zoneHours > 23 || zoneMinutes < 0 || zoneMinutes > 59) return undefined;
    offset = (sign === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * MINUTE;
  }
  const ms = daysFromCivil(year, month, day) * DAY + ((hour * 60 + minute) * 60 + second) * 1000
    + Math.floor(nanoseconds / 1e6) - offset;
  return { ms, nanos: nanoseconds % 1e6 };
}

/** The instant of Go's zero `time.Time` (0001-01-01T00:00:00Z), which Flexprice treats as "not given". */
export const goZeroMs = daysFromCivil(1, 1, 1) * DAY;

/** Go's `Time.IsZero()`. */
export function isGoZero(instant: GoInstant): boolean {
  return instant.ms === goZeroMs && instant.nanos === 0;
}

/** Go's `Time.Before` for two instants. */
export function isBefore(left: GoInstant, right: GoInstant): boolean {
  return left.ms < right.ms || (left.ms === right.ms && left.nanos < right.nanos);
}

/** The whole second holding an instant, in ms: HEAD binds query bounds as `DateTime` (seconds). */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
