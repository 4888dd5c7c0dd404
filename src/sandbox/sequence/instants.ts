/** Strict parsing of the calendar dates and RFC 3339 date-times Sequence exchanges, all to UTC epoch ms. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The forms ajv-formats' full `date-time` accepts: `T`/`t`/space, optional fraction, `Z` or an offset.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** One calendar day in milliseconds (UTC days have no DST). */
export const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Epoch ms of a UTC calendar day; `Date.UTC` alone would read years 0-99 as 1900-1999. */
function utcDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (year >= 100) return Date.UTC(year, month - 1, day);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** `YYYY-MM-DD` as the epoch ms of that day's 00:00 UTC; undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  return utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An RFC 3339 date-time as epoch ms, precise to the millisecond (finer digits are dropped);
 * undefined when it is not one. A leap second (`:60`) reads as the next minute's first instant.
 */
export function parseDateTime(text: string): number | undefined {
  const fields = zuluFields(text);
  if (fields) return instantOf(fields);
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const dayMs = utcDay(Number(year), Number(month), Number(day));
  const [h, m, s, oh, om] = [hour, minute, second, offsetHours, offsetMinutes ?? '0'].map(Number);
  if (dayMs === undefined || h === undefined || m === undefined || s === undefined) return undefined;
  if (h > 23 || m > 59 || s > 60) return undefined;
  let offsetMs = 0;
  if (!zulu) {
    if (oh === undefined || om === undefined || oh > 23 || om > 59) return undefined;
    offsetMs = (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const millis = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  return dayMs + ((h * 60 + m) * 60 + s) * 1000 + millis - offsetMs;
}

/** Year, month, day, hour, minute, second, millisecond. */
type InstantFields = [number, number, number, number, number, number, number];

/** The number written in `text[start, end)`, or -1 when a character there is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The fields of `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the form nearly every event carries, read
 * without the regex; undefined for any other text (which the regex then reads).
 */
function zuluFields(text: string): InstantFields | undefined {
  const { length } = text;
  if (length < 20 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[length - 1] !== 'Z') {
    return undefined;
  }
  // Past the seconds: nothing, or a point and at least one digit.
  if (length > 20 && (length === 21 || text[19] !== '.' || digitsAt(text, 20, length - 1) < 0)) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const millis = length > 20 ? digitsAt(text, 20, Math.min(length - 1, 23)) * 10 ** Math.max(0, 24 - length) : 0;
  return [year, month, day, hour, minute, second, millis];
}

function instantOf([year, month, day, hour, minute, second, millis]: InstantFields): number | undefined {
  const dayMs = utcDay(year, month, day);
  if (dayMs === undefined || hour > 23 || minute > 59 || second > 60) return undefined;
  return dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/**
 * True when a date-time that `parseDateTime` accepted is already written the way `formatInstant`
 * writes its instant (`2024-03-01T10:00:00Z`, `2024-03-01T10:00:00.250Z`), so ingest can keep the
 * text rather than format the instant again. The accepted forms fix the first 19 characters, so
 * only the separator, the fraction, the zone and a leap second can differ.
 */
export function isCanonicalInstant(text: string): boolean {
  if (text[10] !== 'T' || text.slice(17, 19) === '60') return false;
  if (text.length === 20) return text[19] === 'Z';
  return text.length === 24 && text[19] === '.' && text[23] === 'Z' && text.slice(20, 23) !== '000';
}
