/**
 * The metrics surface the resilience and state features report through (cache, retries, rate
 * limits, circuit breakers, task stores), read back from the registry's text exposition.
 */
import { createGatewayMetrics } from '../../src/telemetry/metrics';
import { parseMetrics, sampleSum } from './support';

describe('GatewayMetrics', () => {
  it('counts cache lookups, retries and rate-limited requests, and exports circuit states', async () => {
    const metrics = createGatewayMetrics();
    metrics.cacheLookup('flexprice', 'hit');
    metrics.cacheLookup('flexprice', 'hit');
    metrics.cacheLookup('flexprice', 'miss');
    metrics.retry('sequence');
    metrics.rateLimited('caller');
    metrics.circuitState('svix', 'open');
    metrics.circuitState('flexprice', 'half_open');
    metrics.circuitState('flexprice', 'closed');
    const samples = parseMetrics((await metrics.scrape()).body);
    expect(sampleSum(samples, 'usage_gateway_cache_lookups_total', { provider: 'flexprice', result: 'hit' })).toBe(2);
    expect(sampleSum(samples, 'usage_gateway_cache_lookups_total', { provider: 'flexprice', result: 'miss' })).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_upstream_retries_total', { provider: 'sequence' })).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_rate_limited_requests_total', { limiter: 'caller' })).toBe(1);
    expect(samples.filter((sample) => sample.name === 'usage_gateway_circuit_breaker_state').map((sample) => [sample.labels.provider, sample.value]))
      .toStrictEqual([['svix', 2], ['flexprice', 0]]);
  });

  it('reads the pending task count at each scrape, from a synchronous or an asynchronous store', async () => {
    const metrics = createGatewayMetrics();
    let held = 3;
    metrics.trackPendingTasks(() => Promise.resolve(held));
    expect(sampleSum(parseMetrics((await metrics.scrape()).body), 'usage_gateway_pending_tasks')).toBe(3);
    held = 1;
    expect(sampleSum(parseMetrics((await metrics.scrape()).body), 'usage_gateway_pending_tasks')).toBe(1);
  });
});
