/**
 * Provider-call outcomes and contract violations as counted at /metrics, with live providers at
 * fake upstreams that answer as each case scripts.
 */
import { call, startFakeGateway, type FakeSetup } from '../native/native-gateway';
import { parseMetrics, sampleSum, type Sample } from './support';

const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const flexpriceQuery = { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...period };
const sequenceQuery = { provider: 'sequence', metric: 'api-requests', customers: ['acme'], ...period };
const svixQuery = { provider: 'svix', metric: 'message_destinations', customers: ['acme'], ...period };
const usageBody = { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme' };
const offSpecUsage = { value: 5, event_name: 42, type: 'COUNT' };
const calculation = { aggregationType: 'COUNT', eventCount: 4, value: 4, eventType: 'api_request', metricType: 'SIMPLE', name: 'API requests' };

describe('provider calls at /metrics', () => {
  let setup: FakeSetup;
  let samples: Sample[];
  const upstream = (provider: string, outcome: string) => sampleSum(samples, 'usage_gateway_upstream_requests_total', { provider, outcome });

  beforeAll(async () => {
    setup = await startFakeGateway({ timeoutMs: 200, retries: false });
    const { url } = setup.gateway;
    const statuses: number[] = [];
    const query = async (body: object) => statuses.push((await call(`${url}/v1/usage/query`, { body })).status);
    setup.flexprice.respond(() => ({ status: 500, body: { error: { message: 'down' } } }));
    await query(flexpriceQuery);
    setup.flexprice.respond(() => ({ status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': '1' } }));
    await query(flexpriceQuery);
    setup.flexprice.respond(() => ({ status: 200, body: offSpecUsage }));
    await query(flexpriceQuery);
    statuses.push((await call(`${url}/v1/native/flexprice/events/usage`, { body: usageBody })).status);
    setup.sequence.respond(() => ({ status: 200, body: calculation, delayMs: 1_000 }));
    await query(sequenceQuery);
    await setup.svix.close();
    await query(svixQuery);
    expect(statuses).toStrictEqual([502, 503, 200, 200, 504, 503]);
    const scrape = await call(`${url}/metrics`);
    expect(scrape.status).toBe(200);
    samples = parseMetrics(scrape.text);
  });
  afterAll(() => setup.close());

  it('counts each call by how it ended', () => {
    expect(upstream('flexprice', 'server_error')).toBe(1);
    expect(upstream('flexprice', 'rate_limited')).toBe(1);
    expect(upstream('flexprice', 'success')).toBe(2);
    expect(upstream('sequence', 'timeout')).toBe(1);
    expect(upstream('svix', 'network_error')).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_upstream_requests_total')).toBe(6);
  });

  it('times every call, failed ones included', () => {
    expect(sampleSum(samples, 'usage_gateway_upstream_request_duration_seconds_count', { provider: 'flexprice' })).toBe(4);
    expect(sampleSum(samples, 'usage_gateway_upstream_request_duration_seconds_count', { provider: 'sequence' })).toBe(1);
    // The timed-out call waited for the 200 ms deadline, not for the provider's 1 s answer.
    const sequenceSeconds = sampleSum(samples, 'usage_gateway_upstream_request_duration_seconds_sum', { provider: 'sequence' });
    expect(sequenceSeconds).toBeGreaterThanOrEqual(0.19);
    expect(sequenceSeconds).toBeLessThan(1);
  });

  it('counts answers outside the provider spec, unified and native', () => {
    expect(sampleSum(samples, 'usage_gateway_contract_violations_total', { provider: 'flexprice', surface: 'unified' })).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_contract_violations_total', { provider: 'flexprice', surface: 'native' })).toBe(1);
  });
});
