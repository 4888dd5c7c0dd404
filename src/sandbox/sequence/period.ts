/**
 * The billing period of a calculation. Sequence documents `periodEnd` only as "Billing period end
 * (inclusive)" and gives no format; we read it as its other billing-period APIs do.
 */
import { validationError, violation } from './api-error';
import { DAY_MS, parseDate, parseDateTime } from './instants';

/** The half-open range `[fromMs, toMs)` of event timestamps a calculation covers. */
export interface Period {
  fromMs: number;
  toMs: number;
}

const FORMAT_HINT = 'a date (YYYY-MM-DD, e.g. 2024-03-01) or an RFC 3339 date-time (e.g. 2024-03-01T00:00:00Z)';

/**
 * [INFERENCE] Both bounds are UTC calendar dates and the whole end day is included:
 * `[periodStart 00:00Z, periodEnd + 1 day 00:00Z)`.
 * [INFERENCE] A full RFC 3339 date-time is also accepted, as an exact instant: the start is
 * inclusive, and so is the end (the period then ends 1 ms after it), keeping "end (inclusive)".
 * A period ending before it starts is a 400 naming `periodEnd`.
 */
export function parsePeriod(periodStart: string, periodEnd: string): Period {
  const startDay = parseDate(periodStart);
  const fromMs = startDay ?? parseDateTime(periodStart);
  const endDay = parseDate(periodEnd);
  const endMs = endDay === undefined ? parseDateTime(periodEnd) : endDay + DAY_MS - 1;
  const items = [];
  if (fromMs === undefined) items.push(violation('periodStart', `periodStart must be ${FORMAT_HINT}`));
  if (endMs === undefined) items.push(violation('periodEnd', `periodEnd must be ${FORMAT_HINT}`));
  if (fromMs === undefined || endMs === undefined) throw validationError(items);
  if (endMs < fromMs) {
    throw validationError([violation('periodEnd', `periodEnd (${periodEnd}) is before periodStart (${periodStart})`)]);
  }
  return { fromMs, toMs: endMs + 1 };
}
