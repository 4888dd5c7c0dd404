import { createSequenceAdapter, type SequenceAdapterOptions } from '../../../src/providers/sequence/adapter';
import type { UsageQuery, UsageReport } from '../../../src/usage/model';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { sequenceAuthorization, sequenceCredentials, sequenceFixture, sequenceQuery } from './support';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream('sequence', '/api');
});
beforeEach(() => {
  upstream.requests.length = 0;
});
afterAll(() => upstream.close());

function adapter(overrides: Partial<SequenceAdapterOptions> = {}) {
  return createSequenceAdapter({
    id: 'sequence-eu',
    mode: 'live',
    baseUrl: upstream.baseUrl,
    ...sequenceCredentials,
    timeoutMs: 2000,
    limits: { maxUpstreamCalls: 50, upstreamConcurrency: 4 },
    ...overrides,
  });
}

async function report(query: UsageQuery, overrides: Partial<SequenceAdapterOptions> = {}): Promise<UsageReport> {
  const outcome = await adapter(overrides).query({ query, signal: new AbortController().signal });
  if (outcome.kind !== 'complete') throw new Error('Sequence answers synchronously');
  return outcome.report;
}

const expectedHeaders = { authorization: sequenceAuthorization, 'sequence-version': '2024-07-30' };
const sent = () => upstream.requests.map(({ method, path, query, headers, violations }) => ({
  method,
  path,
  query,
  headers: { authorization: headers.authorization, 'sequence-version': headers['sequence-version'] },
  violations,
}));

describe('createSequenceAdapter', () => {
  it('declares what Sequence can answer', () => {
    const provider = adapter({ mode: 'sandbox' });
    expect([provider.id, provider.type, provider.mode, provider.capabilities, provider.poll]).toStrictEqual([
      'sequence-eu',
      'sequence',
      'sandbox',
      {
        aggregations: ['count', 'sum', 'count_unique'],
        windowSizes: ['DAY', 'WEEK', 'MONTH'],
        bucketSizes: [],
        filters: false,
        groupBy: false,
        async: false,
        customersRequired: true,
        multipleCustomers: true,
      },
      undefined,
    ]);
  });

  it('makes one conforming calculate call for several customers', async () => {
    upstream.respond(() => ({ status: 200, body: sequenceFixture('calculate-sum') }));
    const result = await report(sequenceQuery({ customers: ['alias-a', 'Alias B'], aggregation: 'sum' }));
    expect(sent()).toStrictEqual([{
      method: 'GET',
      path: '/api/usage-metrics/metric-1/calculate',
      query: { customerAliases: 'alias-a,Alias B', periodStart: '2024-03-01', periodEnd: '2024-03-31' },
      headers: expectedHeaders,
      violations: [],
    }]);
    expect(result).toStrictEqual({
      provider: 'sequence-eu',
      providerType: 'sequence',
      metric: 'metric-1',
      aggregation: 'sum',
      unit: 'bytes',
      from: '2024-03-01T00:00:00Z',
      to: '2024-04-01T00:00:00Z',
      value: 150.035,
      eventCount: 5,
      windows: null,
      groups: [],
      status: 'complete',
      warnings: [],
    });
  });

  it('encodes the metric id as one path segment and sends custom parameters as JSON', async () => {
    upstream.respond(() => ({ status: 200, body: sequenceFixture('calculate-custom') }));
    const result = await report(sequenceQuery({ metric: 'tiers/v2 ü', parameters: { myParam: '10' }, include: ['raw'] }));
    expect(sent()).toStrictEqual([{
      method: 'GET',
      path: '/api/usage-metrics/tiers%2Fv2%20%C3%BC/calculate',
      query: { customerAliases: 'alias-a', periodStart: '2024-03-01', periodEnd: '2024-03-31', customParameters: '{"myParam":"10"}' },
      headers: expectedHeaders,
      violations: [],
    }]);
    expect([result.aggregation, result.value, result.eventCount, result.raw]).toStrictEqual(['custom', 37.5, 12, sequenceFixture('calculate-custom')]);
  });

  it('defaults to the production base URL', async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return Response.json(sequenceFixture('calculate-count-no-unit'));
    };
    const provider = createSequenceAdapter({
      id: 'sequence-eu', mode: 'live', ...sequenceCredentials, timeoutMs: 1000, limits: { maxUpstreamCalls: 5, upstreamConcurrency: 2 }, fetch,
    });
    const outcome = await provider.query({ query: sequenceQuery(), signal: new AbortController().signal });
    expect([urls, outcome.kind === 'complete' ? outcome.report.value : undefined]).toStrictEqual([
      ['https://eu.sequencehq.com/api/usage-metrics/metric-1/calculate?customerAliases=alias-a&periodStart=2024-03-01&periodEnd=2024-03-31'],
      42,
    ]);
  });

  it('makes the whole-period call first, then one call per window, within the concurrency limit', async () => {
    const valueByStart: Record<string, number> = { '2024-03-01': 5, '2024-03-03': 1, '2024-03-10': 2, '2024-03-17': 3 };
    upstream.respond((request) => {
      const start = String(request.query.periodStart);
      const whole = start === '2024-03-01' && request.query.periodEnd === '2024-03-19';
      const value = whole ? 4 : (valueByStart[start] ?? -1);
      return { status: 200, delayMs: 20, body: { ...(sequenceFixture('calculate-unique-null-unit') as object), value, eventCount: value * 3 } };
    });
    let inFlight = 0;
    let peak = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await globalThis.fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const query = sequenceQuery({ to: '2024-03-20T00:00:00Z', windowSize: 'WEEK', include: ['raw'] });
    const result = await report(query, { fetch, limits: { maxUpstreamCalls: 5, upstreamConcurrency: 2 } });
    const periods = upstream.requests.map((request) => [request.query.periodStart, request.query.periodEnd]);
    expect(periods[0]).toStrictEqual(['2024-03-01', '2024-03-19']);
    expect(periods.slice(1).sort()).toStrictEqual([
      ['2024-03-01', '2024-03-02'],
      ['2024-03-03', '2024-03-09'],
      ['2024-03-10', '2024-03-16'],
      ['2024-03-17', '2024-03-19'],
    ]);
    expect([upstream.requests.every((request) => request.violations.length === 0), peak]).toStrictEqual([true, 2]);
    expect([result.aggregation, result.value, result.eventCount, result.windows]).toStrictEqual([
      'count_unique',
      4,
      12,
      [
        { start: '2024-03-01T00:00:00Z', end: '2024-03-03T00:00:00Z', value: 5 },
        { start: '2024-03-03T00:00:00Z', end: '2024-03-10T00:00:00Z', value: 1 },
        { start: '2024-03-10T00:00:00Z', end: '2024-03-17T00:00:00Z', value: 2 },
        { start: '2024-03-17T00:00:00Z', end: '2024-03-20T00:00:00Z', value: 3 },
      ],
    ]);
    expect((result.raw as { value: number }[]).map((body) => body.value)).toStrictEqual([4, 5, 1, 2, 3]);
  });

  it('reuses the whole-period answer for a window that is the whole period', async () => {
    upstream.respond(() => ({ status: 200, body: { ...(sequenceFixture('calculate-count-no-unit') as object), value: 7 } }));
    const query = sequenceQuery({ from: '2024-02-15T00:00:00Z', to: '2024-03-15T00:00:00Z', windowSize: 'MONTH', billingAnchor: '2023-11-15T00:00:00Z' });
    const result = await report(query);
    expect(upstream.requests.map((request) => [request.query.periodStart, request.query.periodEnd])).toStrictEqual([['2024-02-15', '2024-03-14']]);
    expect([result.value, result.windows]).toStrictEqual([7, [{ start: '2024-02-15T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 7 }]]);
  });

  it('reports monthly windows on the billing anchor', async () => {
    const month = (date: unknown) => Number(String(date).slice(5, 7));
    upstream.respond((request) => ({ status: 200, body: { ...(sequenceFixture('calculate-count-no-unit') as object), value: month(request.query.periodStart) * 10 + month(request.query.periodEnd) } }));
    const query = sequenceQuery({ from: '2024-01-15T00:00:00Z', to: '2024-03-15T00:00:00Z', windowSize: 'MONTH', billingAnchor: '2023-11-15T00:00:00Z' });
    const result = await report(query);
    expect(upstream.requests.map((request) => [request.query.periodStart, request.query.periodEnd])).toStrictEqual([
      ['2024-01-15', '2024-03-14'],
      ['2024-01-15', '2024-02-14'],
      ['2024-02-15', '2024-03-14'],
    ]);
    expect([result.value, result.windows]).toStrictEqual([
      13,
      [
        { start: '2024-01-15T00:00:00Z', end: '2024-02-15T00:00:00Z', value: 12 },
        { start: '2024-02-15T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 23 },
      ],
    ]);
  });
});
