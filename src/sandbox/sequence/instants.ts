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
