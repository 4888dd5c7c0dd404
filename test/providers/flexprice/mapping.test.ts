import { fromFlexpriceAggregation, toFlexpriceAggregation } from '../../../src/providers/flexprice/aggregations';
import { fromFlexpriceResponse, toFlexpriceUsageRequest } from '../../../src/providers/flexprice/mapping';
import { aggregations } from '../../../src/usage/model';
import { query, usageFixture } from './fixtures';

const all = { customer: undefined, total: false };

describe('toFlexpriceAggregation / fromFlexpriceAggregation', () => {
  it('names all eight aggregations and maps each back to itself', () => {
    expect(aggregations.map(toFlexpriceAggregation)).toStrictEqual([
      'COUNT', 'SUM', 'AVG', 'MAX', 'LATEST', 'COUNT_UNIQUE', 'SUM_WITH_MULTIPLIER', 'WEIGHTED_SUM',
    ]);
    expect(aggregations.map((name) => fromFlexpriceAggregation(toFlexpriceAggregation(name)))).toStrictEqual([...aggregations]);
  });
});

describe('toFlexpriceUsageRequest', () => {
  it('asks COUNT when the aggregation is omitted, and never sends a property for it', () => {
    expect(toFlexpriceUsageRequest(query({ property: 'request_size' }), all)).toStrictEqual({
      event_name: 'api_request',
      aggregation_type: 'COUNT',
      start_time: '2024-03-13T00:00:00Z',
      end_time: '2024-03-20T00:00:00Z',
    });
  });

  it('sends bounds as RFC 3339 UTC whatever offset they were given in', () => {
    const body = toFlexpriceUsageRequest(query({ from: '2024-03-13T05:30:00+05:30', to: '2024-03-19T19:00:00.000-05:00' }), all);
    expect([body.start_time, body.end_time]).toStrictEqual(['2024-03-13T00:00:00Z', '2024-03-20T00:00:00Z']);
  });

  it('maps the customer, property, window, anchor, filters and multiplier', () => {
    const unified = query({
      aggregation: 'sum_with_multiplier',
      property: 'gb',
      customers: ['cust_1'],
      windowSize: 'MONTH',
      billingAnchor: '2024-01-15T10:00:00+02:00',
      filters: { region: ['us', 'eu'], tier: ['pro'] },
      multiplier: '1.5',
    });
    expect(toFlexpriceUsageRequest(unified, { customer: 'cust_1', total: false })).toStrictEqual({
      event_name: 'api_request',
      aggregation_type: 'SUM_WITH_MULTIPLIER',
      start_time: '2024-03-13T00:00:00Z',
      end_time: '2024-03-20T00:00:00Z',
      property_name: 'gb',
      external_customer_id: 'cust_1',
      window_size: 'MONTH',
      billing_anchor: '2024-01-15T10:00:00+02:00',
      filters: { region: ['us', 'eu'], tier: ['pro'] },
      multiplier: '1.5',
    });
  });

  it('drops the window and anchor from the unwindowed total call', () => {
    const unified = query({ aggregation: 'avg', property: 'latency', windowSize: 'MONTH', billingAnchor: '2024-01-15T00:00:00Z' });
    expect(toFlexpriceUsageRequest(unified, { customer: undefined, total: true })).toStrictEqual({
      event_name: 'api_request',
      aggregation_type: 'AVG',
      start_time: '2024-03-13T00:00:00Z',
      end_time: '2024-03-20T00:00:00Z',
      property_name: 'latency',
    });
  });

  it('sends bucket_size and group_by_property for a grouped bucketed max', () => {
    const unified = query({ aggregation: 'max', property: 'users', bucketSize: 'HOUR', groupBy: 'region' });
    expect(toFlexpriceUsageRequest(unified, all)).toStrictEqual({
      event_name: 'api_request',
      aggregation_type: 'MAX',
      start_time: '2024-03-13T00:00:00Z',
      end_time: '2024-03-20T00:00:00Z',
      property_name: 'users',
      bucket_size: 'HOUR',
      group_by_property: 'region',
    });
  });
});

describe('fromFlexpriceResponse', () => {
  it('reads a scalar value', () => {
    expect(fromFlexpriceResponse(usageFixture('scalar-sum'), query({ aggregation: 'sum', property: 'size' }))).toStrictEqual({
      aggregation: 'sum', value: 350, windows: null,
    });
  });

  it('reads an omitted value as 0 and reports the type Flexprice applied', () => {
    expect(fromFlexpriceResponse(usageFixture('scalar-zero'), query())).toStrictEqual({ aggregation: 'count', value: 0, windows: null });
  });

  it('reads null value and results as left out', () => {
    const unified = query({ aggregation: 'sum', property: 'size', windowSize: 'DAY' });
    expect(fromFlexpriceResponse(usageFixture('nulls'), unified)).toStrictEqual({ aggregation: 'sum', value: 0, windows: [] });
  });

  it('reads omitted results as no windows', () => {
    const unified = query({ aggregation: 'sum', property: 'size', windowSize: 'DAY' });
    expect(fromFlexpriceResponse(usageFixture('windowed-empty'), unified)).toStrictEqual({ aggregation: 'sum', value: 0, windows: [] });
  });

  it('reads a window without a value as 0', () => {
    const unified = query({ aggregation: 'sum', property: 'size', windowSize: 'DAY' });
    expect(fromFlexpriceResponse(usageFixture('results-missing-values'), unified)).toStrictEqual({
      aggregation: 'sum',
      value: 0,
      windows: [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-14T00:00:00Z', value: 0 },
        { start: '2024-03-14T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 0 },
      ],
    });
  });

  it('sums the windows of a windowed count', () => {
    expect(fromFlexpriceResponse(usageFixture('windowed-count-day'), query({ windowSize: 'DAY' }))).toStrictEqual({
      aggregation: 'count',
      value: 3,
      windows: [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-14T00:00:00Z', value: 2 },
        { start: '2024-03-15T00:00:00Z', end: '2024-03-16T00:00:00Z', value: 1 },
      ],
    });
  });

  it('takes the max of a windowed max and clips the first Sunday week to from', () => {
    const unified = query({ aggregation: 'max', property: 'users', windowSize: 'WEEK' });
    expect(fromFlexpriceResponse(usageFixture('windowed-max-week'), unified)).toStrictEqual({
      aggregation: 'max',
      value: 12,
      windows: [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-17T00:00:00Z', value: 7 },
        { start: '2024-03-17T00:00:00Z', end: '2024-03-20T00:00:00Z', value: 12 },
      ],
    });
  });

  it('computes anchored MONTH ends from the anchor day and clips both edges', () => {
    const unified = query({
      aggregation: 'sum_with_multiplier', property: 'gb', multiplier: '1.5', windowSize: 'MONTH',
      billingAnchor: '2024-01-15T00:00:00Z', from: '2024-01-20T00:00:00Z', to: '2024-03-20T00:00:00Z',
    });
    expect(fromFlexpriceResponse(usageFixture('windowed-multiplier-month-anchored'), unified)).toStrictEqual({
      aggregation: 'sum_with_multiplier',
      value: 7.5,
      windows: [
        { start: '2024-01-20T00:00:00Z', end: '2024-02-15T00:00:00Z', value: 3 },
        { start: '2024-02-15T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 4.5 },
        { start: '2024-03-15T00:00:00Z', end: '2024-03-20T00:00:00Z', value: 0 },
      ],
    });
  });

  it('takes the last window of a windowed latest, not the largest', () => {
    const unified = query({ aggregation: 'latest', property: 'seats', windowSize: 'DAY' });
    expect(fromFlexpriceResponse(usageFixture('windowed-latest-day'), unified).value).toBe(0);
  });

  it('sums the windows of a windowed weighted_sum', () => {
    const unified = query({ aggregation: 'weighted_sum', property: 'capacity', windowSize: 'DAY' });
    expect(fromFlexpriceResponse(usageFixture('windowed-weighted-sum-day'), unified).value).toBe(19.506048387096776 + 0.5);
  });

  it('takes a windowed avg total from the unwindowed answer', () => {
    const unified = query({ aggregation: 'avg', property: 'latency', windowSize: 'DAY' });
    expect(fromFlexpriceResponse(usageFixture('windowed-avg-day'), unified, usageFixture('total-avg'))).toStrictEqual({
      aggregation: 'avg',
      value: 3.125,
      windows: [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-14T00:00:00Z', value: 2.5 },
        { start: '2024-03-14T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 4 },
      ],
    });
  });

  it('takes a windowed count_unique total from the unwindowed answer, 0 when omitted', () => {
    const unified = query({ aggregation: 'count_unique', property: 'user', windowSize: 'DAY' });
    const figure = fromFlexpriceResponse(usageFixture('windowed-count-unique-day'), unified, usageFixture('total-count-unique-zero'));
    expect(figure.value).toBe(0);
  });

  it('refuses to guess a windowed avg without its total', () => {
    const unified = query({ aggregation: 'avg', property: 'latency', windowSize: 'DAY' });
    expect(() => fromFlexpriceResponse(usageFixture('windowed-avg-day'), unified)).toThrow('a windowed avg needs its unwindowed total');
  });

  it('uses the value of a bucketed answer (the sum of bucket peaks)', () => {
    const unified = query({ aggregation: 'max', property: 'users', bucketSize: 'HOUR', from: '2024-01-15T10:30:00Z', to: '2024-01-15T12:00:00Z' });
    expect(fromFlexpriceResponse(usageFixture('bucketed-max-hour'), unified)).toStrictEqual({
      aggregation: 'max',
      value: 65,
      windows: [
        { start: '2024-01-15T10:30:00Z', end: '2024-01-15T11:00:00Z', value: 25 },
        { start: '2024-01-15T11:00:00Z', end: '2024-01-15T12:00:00Z', value: 40 },
      ],
    });
  });

  it('adds the per-group entries that share a bucket', () => {
    const unified = query({
      aggregation: 'max', property: 'users', bucketSize: 'HOUR', groupBy: 'region', from: '2024-01-15T10:00:00Z', to: '2024-01-15T12:00:00Z',
    });
    expect(fromFlexpriceResponse(usageFixture('bucketed-max-grouped'), unified)).toStrictEqual({
      aggregation: 'max',
      value: 65,
      windows: [
        { start: '2024-01-15T10:00:00Z', end: '2024-01-15T11:00:00Z', value: 25 },
        { start: '2024-01-15T11:00:00Z', end: '2024-01-15T12:00:00Z', value: 40 },
      ],
    });
  });

  it('reads a bucketed answer whose total was omitted as 0', () => {
    const unified = query({ aggregation: 'sum', property: 'size', bucketSize: 'HOUR', from: '2024-01-15T10:00:00Z', to: '2024-01-15T11:00:00Z' });
    expect(fromFlexpriceResponse(usageFixture('bucketed-sum-zero'), unified)).toStrictEqual({
      aggregation: 'sum',
      value: 0,
      windows: [{ start: '2024-01-15T10:00:00Z', end: '2024-01-15T11:00:00Z', value: 0 }],
    });
  });
});
