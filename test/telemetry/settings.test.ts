/**
 * The settings: who may read /metrics (with apiKeys set, a key is needed unless `metrics.public`
 * says otherwise), `metrics.enabled: false` (no /metrics at all) and `tracing.enabled: false`.
 */
import { sandboxProviders, startConfiguredGateway, type TelemetryGateway } from './support';

const key = 'metrics-test-gateway-key-0001';

describe('metrics and tracing settings', () => {
  let keyed: TelemetryGateway;
  let open: TelemetryGateway;
  let disabled: TelemetryGateway;
  beforeAll(async () => {
    [keyed, open, disabled] = await Promise.all([
      startConfiguredGateway({ providers: sandboxProviders, apiKeys: [key] }),
      startConfiguredGateway({ providers: sandboxProviders, apiKeys: [key], metrics: { public: true } }),
      startConfiguredGateway({ providers: sandboxProviders, metrics: { enabled: false }, tracing: { enabled: false } }),
    ]);
  });
  afterAll(() => Promise.all([keyed.gateway.close(), open.gateway.close(), disabled.gateway.close()]));

  it('tracing.enabled false: metrics still count provider calls; no trace ids anywhere', async () => {
    const untraced = await startConfiguredGateway({ providers: sandboxProviders, tracing: { enabled: false } });
    try {
      const query = { provider: 'flexprice', metric: 'api_request', customers: ['acme'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
      const answer = await fetch(`${untraced.gateway.url}/v1/usage/query`, {
        method: 'POST', headers: { 'content-type': 'application/json', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, body: JSON.stringify(query),
      });
      expect(answer.status).toBe(200);
      const metrics = await (await fetch(`${untraced.gateway.url}/metrics`)).text();
      expect(metrics).toContain('usage_gateway_upstream_requests_total{provider="flexprice",outcome="success"} 1');
      const refused = (await (await fetch(`${untraced.gateway.url}/v1/usage/tasks/ugt_unknown`)).json()) as { code: string; traceId?: string };
      expect([refused.code, refused.traceId]).toStrictEqual(['task_not_found', undefined]);
      expect(untraced.logs().filter((line) => 'traceId' in line)).toStrictEqual([]);
    } finally {
      await untraced.gateway.close();
    }
  });

  it('with apiKeys: refuses a scrape without a key, or with a wrong one, as a 401 problem', async () => {
    const missing = await fetch(`${keyed.gateway.url}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="usage-gateway"');
    expect(((await missing.json()) as { code: string }).code).toBe('unauthorized');
    const wrong = await fetch(`${keyed.gateway.url}/metrics`, { headers: { authorization: 'Bearer not-the-gateway-key-at-all' } });
    expect(wrong.status).toBe(401);
  });

  it('with apiKeys: serves the metrics to a key given any accepted way', async () => {
    const ways: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }, { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }];
    for (const headers of ways) {
      const response = await fetch(`${keyed.gateway.url}/metrics`, { headers });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('usage_gateway_http_requests_total');
    }
  });

  it('metrics.public: serves the metrics without a key while /v1 still requires one', async () => {
    expect((await fetch(`${open.gateway.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${open.gateway.url}/v1/providers`)).status).toBe(401);
  });

  it('metrics.enabled false: no /metrics route, and with tracing off no traceId in problems', async () => {
    const response = await fetch(`${disabled.gateway.url}/metrics`);
    expect(response.status).toBe(404);
    const problem = (await response.json()) as { code: string; traceId?: string };
    expect(problem.code).toBe('route_not_found');
    expect(problem.traceId).toBeUndefined();
    expect(disabled.gateway.telemetry).toBeUndefined();
    // Logs still name the request.
    expect(disabled.logs().at(-1)).toMatchObject({ msg: 'request', status: 404, requestId: response.headers.get('x-request-id') });
  });
});
