import type { UsageQuery } from '../../../src/usage/model';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { adapterFor, expected, outbound, reportOf } from './adapter-setup';
import { fixture } from './fixtures';

const period = { from: '2024-03-13T00:00:00Z', to: '2024-03-20T00:00:00Z' };
const bounds = { start_time: period.from, end_time: period.to };
const base: UsageQuery = { provider: 'flexprice', metric: 'api_request', ...period };
const customerOf = (sent: unknown): string => (sent as { body: { external_customer_id: string } }).body.external_customer_id;

describe('createFlexpriceAdapter', () => {
  let upstream: FakeUpstream;
  beforeEach(async () => {
    upstream = await startFakeUpstream('flexprice', '/v1');
  });
  afterEach(() => upstream.close());

  it('declares itself', () => {
    const adapter = adapterFor(upstream, { id: 'fp-sandbox', mode: 'sandbox' });
    expect([adapter.id, adapter.type, adapter.mode, adapter.capabilities.multipleCustomers]).toStrictEqual(['fp-sandbox', 'flexprice', 'sandbox', true]);
  });

  it('asks a COUNT for all customers when nothing but a metric is given', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('scalar-count') }));
    const report = await reportOf(adapterFor(upstream), base);
    expect(upstream.requests.map(outbound)).toStrictEqual([expected({ event_name: 'api_request', aggregation_type: 'COUNT', ...bounds })]);
    expect(report).toStrictEqual({
      provider: 'flexprice',
      providerType: 'flexprice',
      metric: 'api_request',
      aggregation: 'count',
      unit: null,
      ...period,
      value: 1234,
      eventCount: 1234,
      windows: null,
      groups: [],
      status: 'complete',
      warnings: [],
    });
  });

  it('reads a windowed answer that omits value and results as 0 with no windows', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('windowed-empty') }));
    const query: UsageQuery = { ...base, aggregation: 'sum', property: 'size', customers: ['cust_1'], windowSize: 'DAY', filters: { region: ['us'] }, include: ['raw'] };
    const report = await reportOf(adapterFor(upstream), query);
    expect(upstream.requests.map(outbound)).toStrictEqual([
      expected({
        event_name: 'api_request', aggregation_type: 'SUM', ...bounds, property_name: 'size', external_customer_id: 'cust_1',
        window_size: 'DAY', filters: { region: ['us'] },
      }),
    ]);
    expect([report.value, report.eventCount, report.windows, report.groups, report.raw]).toStrictEqual([0, null, [], [], fixture('windowed-empty')]);
  });

  it('fans out one call per customer and adds them up, windows merged by start', async () => {
    upstream.respond((request) => {
      const customer = (request.body as { external_customer_id?: string }).external_customer_id;
      return { status: 200, body: fixture(customer === 'acme' ? 'windowed-count-day' : 'windowed-count-day-other') };
    });
    const query: UsageQuery = { ...base, customers: ['acme', 'globex'], windowSize: 'DAY', include: ['raw'] };
    const report = await reportOf(adapterFor(upstream), query);
    // Both calls are in flight at once, so they may arrive in either order.
    const sent = upstream.requests.map(outbound).sort((left, right) => customerOf(left).localeCompare(customerOf(right)));
    expect(sent).toStrictEqual(['acme', 'globex'].map((customer) =>
      expected({ event_name: 'api_request', aggregation_type: 'COUNT', ...bounds, external_customer_id: customer, window_size: 'DAY' }),
    ));
    expect(report).toStrictEqual({
      provider: 'flexprice',
      providerType: 'flexprice',
      metric: 'api_request',
      aggregation: 'count',
      unit: null,
      ...period,
      value: 12,
      eventCount: 12,
      windows: [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-14T00:00:00Z', value: 7 },
        { start: '2024-03-14T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 4 },
        { start: '2024-03-15T00:00:00Z', end: '2024-03-16T00:00:00Z', value: 1 },
      ],
      groups: [
        { key: 'acme', value: 3, eventCount: 3 },
        { key: 'globex', value: 9, eventCount: 9 },
      ],
      status: 'complete',
      warnings: [],
      raw: [fixture('windowed-count-day'), fixture('windowed-count-day-other')],
    });
  });

  it('keeps at most upstreamConcurrency customer calls in flight', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('scalar-sum'), delayMs: 40 }));
    let inFlight = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const adapter = adapterFor(upstream, { fetch: countingFetch, limits: { maxUpstreamCalls: 10, upstreamConcurrency: 2 } });
    const report = await reportOf(adapter, { ...base, aggregation: 'sum_with_multiplier', property: 'gb', multiplier: '0.25', customers: ['a', 'b', 'c', 'd', 'e'] });
    expect([peak, upstream.requests.length, report.value, report.groups.map((group) => group.key)]).toStrictEqual([2, 5, 1750, ['a', 'b', 'c', 'd', 'e']]);
    expect((upstream.requests[0]?.body as { multiplier?: unknown }).multiplier).toBe('0.25');
  });

  it('merges a grouped bucketed max by bucket and warns the groups are not reported', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('bucketed-max-grouped') }));
    const query: UsageQuery = {
      ...base, metric: 'concurrent.users', from: '2024-01-15T10:00:00Z', to: '2024-01-15T12:00:00Z',
      aggregation: 'max', property: 'users', bucketSize: 'HOUR', groupBy: 'region',
    };
    const report = await reportOf(adapterFor(upstream), query);
    expect(upstream.requests.map(outbound)).toStrictEqual([
      expected({
        event_name: 'concurrent.users', aggregation_type: 'MAX', start_time: '2024-01-15T10:00:00Z', end_time: '2024-01-15T12:00:00Z',
        property_name: 'users', bucket_size: 'HOUR', group_by_property: 'region',
      }),
    ]);
    expect([report.aggregation, report.value, report.windows, report.warnings.map((warning) => warning.code)]).toStrictEqual([
      'max',
      65,
      [
        { start: '2024-01-15T10:00:00Z', end: '2024-01-15T11:00:00Z', value: 25 },
        { start: '2024-01-15T11:00:00Z', end: '2024-01-15T12:00:00Z', value: 40 },
      ],
      ['groups_not_reported'],
    ]);
  });

  it('makes one more, unwindowed call for the exact total of a windowed avg', async () => {
    upstream.respond((request) => ({
      status: 200,
      body: fixture((request.body as { window_size?: string }).window_size ? 'windowed-avg-day' : 'total-avg'),
    }));
    const query: UsageQuery = { ...base, aggregation: 'avg', property: 'latency', customers: ['acme'], windowSize: 'DAY', include: ['raw'] };
    const report = await reportOf(adapterFor(upstream), query);
    const common = { event_name: 'api_request', aggregation_type: 'AVG', ...bounds, property_name: 'latency', external_customer_id: 'acme' };
    const windowed = (sent: unknown): number => ('window_size' in (sent as { body: object }).body ? 1 : 0);
    const windowedFirst = upstream.requests.map(outbound).sort((left, right) => windowed(right) - windowed(left));
    expect(windowedFirst).toStrictEqual([expected({ ...common, window_size: 'DAY' }), expected(common)]);
    expect([report.value, report.eventCount, report.windows, report.raw]).toStrictEqual([
      3.125,
      null,
      [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-14T00:00:00Z', value: 2.5 },
        { start: '2024-03-14T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 4 },
      ],
      [fixture('windowed-avg-day'), fixture('total-avg')],
    ]);
  });

  it('sends the billing anchor with a MONTH window and clips the anchored windows', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('windowed-multiplier-month-anchored') }));
    const query: UsageQuery = {
      ...base, metric: 'storage.gb', from: '2024-01-20T00:00:00Z', to: '2024-03-20T00:00:00Z', aggregation: 'sum_with_multiplier',
      property: 'gb', multiplier: '1.5', windowSize: 'MONTH', billingAnchor: '2024-01-15T09:00:00-03:00',
    };
    const report = await reportOf(adapterFor(upstream), query);
    expect(upstream.requests.map(outbound)).toStrictEqual([
      expected({
        event_name: 'storage.gb', aggregation_type: 'SUM_WITH_MULTIPLIER', start_time: '2024-01-20T00:00:00Z', end_time: '2024-03-20T00:00:00Z',
        property_name: 'gb', window_size: 'MONTH', billing_anchor: '2024-01-15T09:00:00-03:00', multiplier: '1.5',
      }),
    ]);
    expect([report.value, report.windows]).toStrictEqual([
      7.5,
      [
        { start: '2024-01-20T00:00:00Z', end: '2024-02-15T00:00:00Z', value: 3 },
        { start: '2024-02-15T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 4.5 },
        { start: '2024-03-15T00:00:00Z', end: '2024-03-20T00:00:00Z', value: 0 },
      ],
    ]);
  });
});
