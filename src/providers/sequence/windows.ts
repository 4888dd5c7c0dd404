/**
 * Sequence calculates over whole days: `periodStart` and an inclusive `periodEnd` are dates, read
 * as UTC days. This file checks that a query's period is made of whole UTC days and plans the
 * per-window calls of a windowed query.
 */
import { GatewayError, type Violation } from '../../errors';
import type { UsageQuery } from '../../usage/model';
import { anchorDay, formatInstant, windowsBetween, type WindowRange } from '../../usage/windows';

const DAY_MS = 86_400_000;

/** The period parameters of one calculate call. */
export interface SequencePeriod {
  periodStart: string;
  /** The last day counted: Sequence's period end is inclusive. */
  periodEnd: string;
}

function toSequenceDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `[start, end)` on UTC midnights as Sequence's dates: the end becomes the day before `end`. */
export function toSequencePeriod(range: WindowRange): SequencePeriod {
  return { periodStart: toSequenceDate(range.start), periodEnd: toSequenceDate(range.end - DAY_MS) };
}

function wholeDayViolation(field: 'from' | 'to', ms: number): Violation | undefined {
  if (ms % DAY_MS === 0) return undefined;
  // Suggest the midnight that keeps the asked instant inside the period.
  const example = field === 'from' ? Math.floor(ms / DAY_MS) * DAY_MS : Math.ceil(ms / DAY_MS) * DAY_MS;
  return {
    path: `/body/${field}`,
    message: `Sequence counts whole UTC days: ${field} must be a UTC midnight, e.g. ${formatInstant(example)}`,
  };
}

/** The query's `[from, to)` in milliseconds; refuses bounds that are not UTC midnights. */
export function checkSequencePeriod(query: UsageQuery): WindowRange {
  const start = Date.parse(query.from);
  const end = Date.parse(query.to);
  const violations = [wholeDayViolation('from', start), wholeDayViolation('to', end)].filter(
    (violation): violation is Violation => violation !== undefined,
  );
  if (violations.length > 0) {
    throw new GatewayError('unsupported_by_provider', {
      detail: `${query.provider}: ${violations.map((violation) => violation.message).join('; ')}`,
      errors: violations,
      provider: query.provider,
    });
  }
  return { start, end };
}

/**
 * The windows of a windowed query, one calculate call each, or null when no window was asked.
 * The whole period takes one more call, so the windows may use `maxUpstreamCalls - 1`.
 */
export function planSequenceWindows(query: UsageQuery, period: WindowRange, maxUpstreamCalls: number): WindowRange[] | null {
  const size = query.windowSize;
  if (size === undefined) return null;
  const anchor = size === 'MONTH' && query.billingAnchor ? anchorDay(query.billingAnchor) : undefined;
  const windowLimit = Math.max(maxUpstreamCalls - 1, 0);
  const windows = windowsBetween(period.start, period.end, size, anchor, windowLimit);
  if (windows.length > windowLimit) {
    const message =
      `Sequence needs one call per ${size} window plus one for the whole period, more than the ` +
      `${maxUpstreamCalls} calls a query may make; ask for a larger windowSize or a shorter period`;
    throw new GatewayError('limit_exceeded', {
      detail: `${query.provider}: ${message}`,
      errors: [{ path: '/body/windowSize', message }],
      provider: query.provider,
    });
  }
  return windows;
}
