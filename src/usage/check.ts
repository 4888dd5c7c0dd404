/**
 * The checks every query passes before an adapter sees it: semantic rules the schema cannot say,
 * the gateway's limits, and the provider's declared capabilities.
 */
import { GatewayError, invalidRequest, unsupported, type Violation } from '../errors';
import type { Capabilities, UsageQuery } from './model';
import { anchorDay, windowsBetween } from './windows';

const DAY_MS = 86_400_000;

export interface QueryLimits {
  maxPeriodDays: number;
  maxWindows: number;
  maxCustomers: number;
}

/** Rules between fields; each violation names its field. */
export function checkSemantics(query: UsageQuery): void {
  const violations: Violation[] = [];
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(from < to)) violations.push({ path: '/body/to', message: 'must be after from (the period is [from, to))' });
  if (query.multiplier !== undefined) {
    if (query.aggregation !== 'sum_with_multiplier') {
      violations.push({ path: '/body/multiplier', message: 'is only allowed with aggregation sum_with_multiplier' });
    } else if (!(Number(query.multiplier) > 0)) {
      violations.push({ path: '/body/multiplier', message: 'must be greater than zero' });
    }
  }
  if (query.windowSize && query.bucketSize) {
    violations.push({ path: '/body/bucketSize', message: 'cannot be combined with windowSize; ask for one of them' });
  }
  if (query.billingAnchor && query.windowSize !== 'MONTH' && query.bucketSize !== 'MONTH') {
    violations.push({ path: '/body/billingAnchor', message: 'only applies to a MONTH windowSize or bucketSize' });
  }
  if (violations.length > 0) throw invalidRequest(violations);
}

function limitExceeded(path: string, message: string): GatewayError {
  return new GatewayError('limit_exceeded', { detail: `${path}: ${message}`, errors: [{ path, message }] });
}

/** The gateway's own limits: period length, window count, fan-out width. */
export function checkLimits(query: UsageQuery, limits: QueryLimits): void {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (to - from > limits.maxPeriodDays * DAY_MS) {
    throw limitExceeded('/body/to', `the period may span at most ${limits.maxPeriodDays} days`);
  }
  if ((query.customers?.length ?? 0) > limits.maxCustomers) {
    throw limitExceeded('/body/customers', `at most ${limits.maxCustomers} customers per query`);
  }
  const size = query.windowSize ?? query.bucketSize;
  if (size) {
    const anchor = query.billingAnchor ? anchorDay(query.billingAnchor) : undefined;
    const count = windowsBetween(from, to, size, anchor, limits.maxWindows).length;
    if (count > limits.maxWindows) {
      const field = query.windowSize ? '/body/windowSize' : '/body/bucketSize';
      throw limitExceeded(field, `the period holds more than ${limits.maxWindows} ${size} windows`);
    }
  }
}

const list = (values: readonly string[]): string => (values.length > 0 ? values.join(', ') : 'none');

/** What the provider declared it can answer. */
export function checkCapabilities(query: UsageQuery, provider: string, capabilities: Capabilities): void {
  if (query.aggregation && !capabilities.aggregations.includes(query.aggregation)) {
    throw unsupported(provider, '/body/aggregation', `aggregation ${query.aggregation} is not supported; supported: ${list(capabilities.aggregations)}`);
  }
  if (query.windowSize && !capabilities.windowSizes.includes(query.windowSize)) {
    throw unsupported(provider, '/body/windowSize', `windowSize ${query.windowSize} is not supported; supported: ${list(capabilities.windowSizes)}`);
  }
  if (query.bucketSize && !capabilities.bucketSizes.includes(query.bucketSize)) {
    throw unsupported(provider, '/body/bucketSize', `bucketSize ${query.bucketSize} is not supported; supported: ${list(capabilities.bucketSizes)}`);
  }
  if (query.filters && Object.keys(query.filters).length > 0 && !capabilities.filters) {
    throw unsupported(provider, '/body/filters', 'filters are not supported');
  }
  if (query.groupBy && !capabilities.groupBy) {
    throw unsupported(provider, '/body/groupBy', 'groupBy is not supported');
  }
  const customers = query.customers?.length ?? 0;
  if (customers === 0 && capabilities.customersRequired) {
    throw unsupported(provider, '/body/customers', 'customers is required: name at least one customer');
  }
  if (customers > 1 && !capabilities.multipleCustomers) {
    throw unsupported(provider, '/body/customers', 'only one customer per query is supported');
  }
}
