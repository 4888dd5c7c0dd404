/**
 * GET /metrics after real requests through the sandbox providers: request and provider-call
 * counters, route labels that are templates (no task id, no native path segment, no unknown path),
 * the gauges, Node process metrics, and one registry per gateway.
 */
import { parseMetrics, sampleSum, sandboxProviders, startConfiguredGateway, type Sample, type TelemetryGateway } from './support';

const september = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const flexpriceQuery = { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...september };
const svixQuery = { provider: 'svix', metric: 'message_destinations', customers: ['acme'], ...september, waitSeconds: 0 };
const nativeCalculate = '/v1/native/sequence/usage-metrics/bytes-transferred/calculate?customerAliases=acme&periodStart=2026-09-01&periodEnd=2026-09-30';

async function post(url: string, body: unknown): Promise<{ status: number; body: { taskId?: string } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { taskId?: string } };
}

async function scrape(url: string): Promise<{ text: string; samples: Sample[]; contentType: string | null }> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, samples: parseMetrics(text), contentType: response.headers.get('content-type') };
}

describe('GET /metrics', () => {
  let setup: TelemetryGateway;
  let other: TelemetryGateway;
  let taskId: string;
  let text: string;
  let samples: Sample[];
  beforeAll(async () => {
    // No response cache: every query here is counted as a provider call.
    [setup, other] = await Promise.all([startConfiguredGateway({ providers: sandboxProviders, cache: { ttlSeconds: 0 } }), startConfiguredGateway({ providers: sandboxProviders, cache: { ttlSeconds: 0 } })]);
    const { url } = setup.gateway;
    expect((await post(`${url}/v1/usage/query`, flexpriceQuery)).status).toBe(200);
    expect((await post(`${url}/v1/usage/query`, flexpriceQuery)).status).toBe(200);
    expect((await post(`${url}/v1/usage/query`, { ...flexpriceQuery, customers: 'acme' })).status).toBe(400);
    const pending = await post(`${url}/v1/usage/query`, svixQuery);
    expect(pending.status).toBe(202);
    taskId = pending.body.taskId ?? '';
    expect((await fetch(`${url}/v1/usage/tasks/${taskId}`)).status).toBe(202);
    expect((await fetch(`${url}/v1/usage/tasks/ugt_unknown-task-0123456789`)).status).toBe(404);
    expect((await fetch(`${url}${nativeCalculate}`)).status).toBe(200);
    expect((await fetch(`${url}/v1/native/sequence/no-such-operation-4711`)).status).toBe(404);
    expect((await fetch(`${url}/no/such/path/4711`)).status).toBe(404);
    ({ text, samples } = await scrape(url));
  });
  afterAll(() => Promise.all([setup.gateway.close(), other.gateway.close()]));

  it('answers in the Prometheus text format', async () => {
    const { contentType } = await scrape(setup.gateway.url);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE usage_gateway_http_requests_total counter');
    expect(text).toContain('# TYPE usage_gateway_http_request_duration_seconds histogram');
  });

  it('counts requests by method, route template and status', () => {
    const requests = (labels: Record<string, string>) => sampleSum(samples, 'usage_gateway_http_requests_total', labels);
    expect(requests({ method: 'POST', route: '/v1/usage/query', status: '200' })).toBe(2);
    expect(requests({ method: 'POST', route: '/v1/usage/query', status: '400' })).toBe(1);
    expect(requests({ method: 'POST', route: '/v1/usage/query', status: '202' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/usage/tasks/{taskId}', status: '202' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/usage/tasks/{taskId}', status: '404' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/native/{providerId}/usage-metrics/{usageMetricId}/calculate', status: '200' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/native/{providerId}/*', status: '404' })).toBe(1);
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_http_request_duration_seconds_count', { method: 'POST', route: '/v1/usage/query', status: '200' })).toBe(2);
  });

  it('labels routes with templates only: no task id, metric id or unknown path appears', () => {
    expect(taskId).toMatch(/^ugt_/);
    for (const raw of [taskId, 'ugt_unknown-task', 'bytes-transferred', 'no-such-operation', '4711', 'acme']) expect(text).not.toContain(raw);
    const routes = new Set(samples.filter((sample) => sample.name === 'usage_gateway_http_requests_total').map((sample) => sample.labels.route));
    expect([...routes].sort()).toStrictEqual([
      '/sandbox/flexprice/*',
      '/sandbox/sequence/*',
      '/sandbox/svix/*',
      '/v1/native/{providerId}/*',
      '/v1/native/{providerId}/usage-metrics/{usageMetricId}/calculate',
      '/v1/usage/query',
      '/v1/usage/tasks/{taskId}',
      'unmatched',
    ]);
  });

  it('counts and times every provider call, unified and native, by provider and outcome', () => {
    const upstream = (labels: Record<string, string>) => sampleSum(samples, 'usage_gateway_upstream_requests_total', labels);
    // Each call to a sandbox provider is one request the simulator answered.
    for (const provider of ['flexprice', 'sequence', 'svix']) {
      const served = sampleSum(samples, 'usage_gateway_http_requests_total', { route: `/sandbox/${provider}/*` });
      expect([provider, upstream({ provider })]).toStrictEqual([provider, served]);
      expect([provider, sampleSum(samples, 'usage_gateway_upstream_request_duration_seconds_count', { provider })]).toStrictEqual([provider, served]);
    }
    expect(upstream({ provider: 'flexprice', outcome: 'success' })).toBe(2);
    expect(upstream({ provider: 'sequence', outcome: 'success' })).toBe(1);
    expect(upstream({ provider: 'svix', outcome: 'success' })).toBeGreaterThanOrEqual(2);
  });

  it('reports requests in flight (this scrape) and the asynchronous tasks held', () => {
    expect(sampleSum(samples, 'usage_gateway_http_requests_in_flight')).toBe(1);
    expect(sampleSum(samples, 'usage_gateway_pending_tasks')).toBe(1);
  });

  it('includes Node process metrics', () => {
    expect(sampleSum(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleSum(samples, 'nodejs_heap_size_total_bytes')).toBeGreaterThan(0);
  });

  it('keeps one registry per gateway: another gateway in this process counted none of these requests', async () => {
    const { samples: others } = await scrape(other.gateway.url);
    expect(sampleSum(others, 'usage_gateway_http_requests_total', { route: '/v1/usage/query' })).toBe(0);
    expect(sampleSum(others, 'usage_gateway_upstream_requests_total')).toBe(0);
  });
});
