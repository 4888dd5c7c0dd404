/**
 * `POST /events/usage` from request to plan, in the order Flexprice decides: Go's JSON bind, the
 * time-range defaults (`validateStartAndEndTime`), `ToUsageParams` (COUNT without a property,
 * upper-casing), then the repository's multiplier and aggregation checks.
 */
import type { components } from '../../../generated/flexprice';
import { anchorDay } from '../../usage/windows';
import { usageBindMessage, validationError } from './errors';
import { goDecimalSign, goDecimalString, goDecimalToNumber, parseGoDecimal, type GoDecimal } from './go-decimal';
import { floorToSecond, isBefore, isGoZero, parseGoTime, type GoInstant } from './go-time';

/** The body of `POST /events/usage`. */
export type GetUsageRequest = components['schemas']['GetUsageRequest'];
/** Flexprice's aggregation types. */
export type AggregationType = components['schemas']['types.AggregationType'];
/** Flexprice's window and bucket sizes. */
export type WindowSize = components['schemas']['types.WindowSize'];

/** How results are grouped in time: one total, `window_size` windows, or `bucket_size` buckets. */
export type UsageGrouping =
  | { readonly kind: 'total' }
  | { readonly kind: 'windows'; readonly size: WindowSize; readonly anchor: number | undefined }
  | { readonly kind: 'buckets'; readonly size: WindowSize; readonly anchor: number | undefined; readonly groupBy: string | undefined };

/** A usage request as the repository runs it. */
export interface UsagePlan {
  /** Echoed verbatim and matched exactly (the query side does not trim). */
  readonly eventName: string;
  readonly type: AggregationType;
  readonly propertyName: string;
  readonly externalCustomerId: string | undefined;
  readonly customerId: string | undefined;
  /** AND across keys, OR within one key's values; keys with no values are left out. */
  readonly filters: ReadonlyArray<readonly [key: string, values: ReadonlySet<string>]>;
  /** Inclusive start and exclusive end, truncated to whole seconds as HEAD binds them. */
  readonly from: number;
  readonly to: number;
  readonly grouping: UsageGrouping;
  readonly multiplier: number;
}

const DAY = 86_400_000;
const aggregationTypes = new Set<string>(['COUNT', 'SUM', 'AVG', 'COUNT_UNIQUE', 'LATEST', 'SUM_WITH_MULTIPLIER', 'MAX', 'WEIGHTED_SUM']);
// validation.go: a group-by property outside this pattern is ignored, not refused.
const groupByPattern = /^[A-Za-z0-9_.]+$/;

function isAggregationType(type: string): type is AggregationType {
  return aggregationTypes.has(type);
}

function bindTime(request: GetUsageRequest, field: 'start_time' | 'end_time' | 'billing_anchor'): GoInstant | undefined {
  const text = request[field];
  if (text === undefined) return undefined;
  const instant = parseGoTime(text);
  if (!instant) throw validationError(usageBindMessage, { [field]: 'must be an RFC 3339 time such as 2024-03-13T10:00:00Z' });
  return isGoZero(instant) ? undefined : instant;
}

function bindMultiplier(request: GetUsageRequest): GoDecimal | undefined {
  if (request.multiplier === undefined) return undefined;
  const multiplier = parseGoDecimal(request.multiplier);
  if (!multiplier) throw validationError(usageBindMessage, { multiplier: 'must be a decimal number such as "1.5"' });
  return multiplier;
}

/** Upper-cases `aggregation_type` as `ToUsageParams` does, before the spec's enum sees it. */
export function normalizeUsageBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('aggregation_type' in body)) return body;
  const type = body.aggregation_type;
  return typeof type === 'string' ? { ...body, aggregation_type: type.toUpperCase() } : body;
}

/** Checks and plans a schema-valid usage request; throws Flexprice's 400 for what its server refuses. */
export function planUsage(request: GetUsageRequest, nowMs: number): UsagePlan {
  const start = bindTime(request, 'start_time');
  const endTime = bindTime(request, 'end_time');
  bindTime(request, 'billing_anchor');
  const multiplier = bindMultiplier(request);
  const end = endTime ?? { ms: Math.floor(nowMs), nanos: 0 };
  // AddDate(0, 0, -7) in UTC: exactly seven days before the end, not before now.
  const begin = start ?? { ms: end.ms - 7 * DAY, nanos: end.nanos };
  if (isBefore(end, begin)) throw validationError(usageBindMessage, { end_time: 'must not be before start_time' });

  const propertyName = request.property_name ?? '';
  const type = propertyName === '' ? 'COUNT' : request.aggregation_type.toUpperCase();
  if (multiplier && goDecimalSign(multiplier) <= 0) {
    throw validationError('Multiplier must be greater than zero', { multiplier: goDecimalString(multiplier) });
  }
  if (multiplier && type !== 'SUM_WITH_MULTIPLIER') {
    throw validationError('Multiplier can only be used with SUM_WITH_MULTIPLIER aggregations', { aggregation_type: type });
  }
  if (!isAggregationType(type)) {
    throw validationError('The specified aggregation type is not supported', { aggregation_type: type });
  }
  return {
    eventName: request.event_name,
    type,
    propertyName,
    externalCustomerId: request.external_customer_id || undefined,
    customerId: request.customer_id || undefined,
    filters: Object.entries(request.filters ?? {})
      .filter(([, values]) => values.length > 0)
      .map(([key, values]) => [key, new Set(values)] as const),
    from: floorToSecond(begin.ms),
    to: floorToSecond(end.ms),
    grouping: planGrouping(request, type),
    multiplier: multiplier ? goDecimalToNumber(multiplier) : 1,
  };
}

function planGrouping(request: GetUsageRequest, type: AggregationType): UsageGrouping {
  // Only the day of month counts, read in the anchor's own offset (Go's Time.Day()).
  const anchor = request.billing_anchor === undefined ? undefined : anchorDay(request.billing_anchor);
  if ((type === 'MAX' || type === 'SUM') && request.bucket_size) {
    const group = request.group_by_property;
    const groupBy = type === 'MAX' && group !== undefined && groupByPattern.test(group) ? group : undefined;
    return { kind: 'buckets', size: request.bucket_size, anchor, groupBy };
  }
  if (request.window_size) return { kind: 'windows', size: request.window_size, anchor };
  return { kind: 'total' };
}
