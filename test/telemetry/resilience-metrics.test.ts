/**
 * The resilience, cache and rate-limit features counted at GET /metrics, end to end: a gateway in
 * front of a loopback fake provider that fails, recovers and hangs.
 */
import type { Gateway } from '../../src/gateway';
import { flexpriceAt, flexpriceQuery, startConfiguredGateway, usageAnswer } from '../helpers/configured-gateway';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { postJson } from '../helpers/gateway';
import { awayFromMinuteEdge } from '../helpers/rate-window';
import { parseMetrics, sampleSum, type Sample } from './support';

describe('resilience metrics', () => {
  let flaky: FakeUpstream;
  let broken: FakeUpstream;
  let gateway: Gateway;
  const query = (provider: string, customer: string, headers: Record<string, string> = {}) => postJson(`${gateway.url}/v1/usage/query`, flexpriceQuery(provider, customer), headers);
  const scrape = async (): Promise<Sample[]> => parseMetrics(await (await fetch(`${gateway.url}/metrics`)).text());

  beforeAll(async () => {
    [flaky, broken] = await Promise.all([startFakeUpstream('flexprice', '/v1'), startFakeUpstream('flexprice', '/v1')]);
    gateway = await startConfiguredGateway({
      providers: [
        flexpriceAt('flaky', flaky.baseUrl, { timeoutMs: 5_000 }),
        flexpriceAt('broken', broken.baseUrl, { circuitBreaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 }, retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 } }),
      ],
      cache: { ttlSeconds: 60 },
      rateLimit: { requestsPerMinute: 12 },
    });
  });
  afterAll(async () => {
    await gateway.close({ graceMs: 0 });
    await Promise.all([flaky.close(), broken.close()]);
  });

  it('starts with every breaker closed', async () => {
    const states = (await scrape()).filter((sample) => sample.name === 'usage_gateway_circuit_breaker_state');
    expect(states.map((sample) => [sample.labels.provider, sample.value])).toStrictEqual([['flaky', 0], ['broken', 0]]);
  });

  it('counts retries, cache misses, hits and refreshes, an opened breaker, and rate-limited requests', async () => {
    await awayFromMinuteEdge();
    let calls = 0;
    flaky.respond(() => (++calls % 2 === 1 ? { status: 503, body: { error: { message: 'try again' } } } : { status: 200, body: usageAnswer }));
    broken.respond(() => ({ status: 500, body: { error: { message: 'down' } } }));

    expect((await query('flaky', 'a')).status).toBe(200); // a miss, after one retry
    expect((await query('flaky', 'a')).status).toBe(200); // a hit
    expect((await query('flaky', 'a', { 'cache-control': 'no-cache' })).status).toBe(200); // a refresh, after one retry
    expect((await query('broken', 'a')).status).toBe(502);
    expect((await query('broken', 'b')).status).toBe(502); // the second failure opens the breaker
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) statuses.push((await query('flaky', 'a')).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);

    const samples = await scrape();
    expect(sampleSum(samples, 'usage_gateway_upstream_retries_total', { provider: 'flaky' })).toBe(2);
    expect(sampleSum(samples, 'usage_gateway_cache_lookups_total', { provider: 'flaky', result: 'miss' })).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_cache_lookups_total', { provider: 'flaky', result: 'refresh' })).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_cache_lookups_total', { provider: 'flaky', result: 'hit' })).toBe(1 + statuses.filter((status) => status === 200).length);
    expect(sampleSum(samples, 'usage_gateway_circuit_breaker_state', { provider: 'broken' })).toBe(2);
    expect(sampleSum(samples, 'usage_gateway_rate_limited_requests_total', { limiter: 'caller' })).toBe(statuses.filter((status) => status === 429).length);
  });
});
