import { GatewayError } from '../../../src/errors';
import { planFlexpriceCalls } from '../../../src/providers/flexprice/plan';
import type { UsageQuery } from '../../../src/usage/model';
import { query } from './fixtures';

const limits = { maxUpstreamCalls: 10 };

function refusal(unified: UsageQuery, maxUpstreamCalls = 10): { code: string; status: number; errors: unknown } {
  try {
    planFlexpriceCalls(unified, 'flexprice', { maxUpstreamCalls });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { code: error.code, status: error.status, errors: error.errors };
  }
  throw new Error('expected a refusal');
}

const unsupported = (path: string, message: string) => ({ code: 'unsupported_by_provider', status: 422, errors: [{ path, message }] });

describe('planFlexpriceCalls', () => {
  it('makes one call for all customers when none is named', () => {
    expect(planFlexpriceCalls(query(), 'flexprice', limits)).toStrictEqual([{ customer: undefined, total: false }]);
  });

  it('makes one call per customer', () => {
    expect(planFlexpriceCalls(query({ aggregation: 'sum', property: 'size', customers: ['a', 'b'] }), 'flexprice', limits)).toStrictEqual([
      { customer: 'a', total: false },
      { customer: 'b', total: false },
    ]);
  });

  it('adds an unwindowed total call for a windowed avg or count_unique only', () => {
    const avg = query({ aggregation: 'avg', property: 'latency', windowSize: 'DAY', customers: ['a'] });
    expect(planFlexpriceCalls(avg, 'flexprice', limits)).toStrictEqual([
      { customer: 'a', total: false },
      { customer: 'a', total: true },
    ]);
    expect(planFlexpriceCalls(query({ aggregation: 'count_unique', property: 'user', windowSize: 'DAY' }), 'flexprice', limits)).toHaveLength(2);
    expect(planFlexpriceCalls(query({ aggregation: 'avg', property: 'latency' }), 'flexprice', limits)).toHaveLength(1);
    expect(planFlexpriceCalls(query({ aggregation: 'latest', property: 'seats', windowSize: 'DAY' }), 'flexprice', limits)).toHaveLength(1);
  });

  it.each([
    ['from', { from: '2024-03-13T00:00:00.250Z' }],
    ['to', { to: '2024-03-19T23:59:59.0001+01:00' }],
  ])('refuses a sub-second %s', (field, overrides) => {
    expect(refusal(query(overrides))).toStrictEqual(
      unsupported(`/body/${field}`, `Flexprice counts time in whole seconds; give ${field} without a fraction of a second`),
    );
  });

  it('accepts a zero fraction of a second', () => {
    expect(planFlexpriceCalls(query({ from: '2024-03-13T00:00:00.000Z', to: '2024-03-20T00:00:00.0+00:00' }), 'flexprice', limits)).toHaveLength(1);
  });

  it.each(['count', 'avg', 'latest'] as const)('refuses a bucketSize for %s', (aggregation) => {
    expect(refusal(query({ aggregation, property: 'p', bucketSize: 'HOUR' }))).toStrictEqual(
      unsupported('/body/bucketSize', `Flexprice buckets only sum and max, not ${aggregation}; use windowSize for a time series`),
    );
  });

  it.each([
    ['a windowed max', { aggregation: 'max', property: 'users', windowSize: 'HOUR' }],
    ['a bucketed sum', { aggregation: 'sum', property: 'size', bucketSize: 'HOUR' }],
    ['a count', {}],
  ] as const)('refuses groupBy on %s', (_name, overrides) => {
    expect(refusal(query({ ...overrides, groupBy: 'region' }))).toStrictEqual(
      unsupported('/body/groupBy', 'Flexprice honours groupBy only for aggregation max with a bucketSize (the max of each group in each bucket, summed)'),
    );
  });

  it('accepts groupBy on a bucketed max', () => {
    expect(planFlexpriceCalls(query({ aggregation: 'max', property: 'u', bucketSize: 'HOUR', groupBy: 'region' }), 'flexprice', limits)).toHaveLength(1);
  });

  it('refuses a filter with no values, naming it as a JSON pointer', () => {
    expect(refusal(query({ filters: { region: ['us'], 'a/b~c': [] } }))).toStrictEqual(
      unsupported('/body/filters/a~1b~0c', 'Flexprice ignores a filter with no values; give at least one value or leave the property out'),
    );
  });

  it('refuses Sequence parameters', () => {
    expect(refusal(query({ parameters: { plan: 'pro' } }))).toStrictEqual(
      unsupported('/body/parameters', 'Flexprice metrics take no parameters (they are for Sequence custom metrics)'),
    );
  });

  it.each(['avg', 'max', 'latest', 'count_unique', 'weighted_sum'] as const)('refuses %s across several customers', (aggregation) => {
    expect(refusal(query({ aggregation, property: 'p', customers: ['a', 'b'] }))).toStrictEqual(
      unsupported(
        '/body/customers',
        `Flexprice answers one customer per call and only count, sum, sum_with_multiplier add up across customers; ask ${aggregation} for one customer at a time`,
      ),
    );
  });

  it('refuses more customers than upstream calls allowed', () => {
    expect(refusal(query({ customers: ['a', 'b', 'c'] }), 2)).toStrictEqual({
      code: 'limit_exceeded',
      status: 422,
      errors: [{ path: '/body/customers', message: 'Flexprice needs 3 calls for one call per customer (3); this gateway allows at most 2 per query' }],
    });
  });

  it('refuses a windowed avg when its total call does not fit the limit', () => {
    expect(refusal(query({ aggregation: 'avg', property: 'latency', windowSize: 'DAY' }), 1)).toStrictEqual({
      code: 'limit_exceeded',
      status: 422,
      errors: [{ path: '/body/windowSize', message: 'Flexprice needs 2 calls for a windowed avg and its exact total; this gateway allows at most 1 per query' }],
    });
  });
});
