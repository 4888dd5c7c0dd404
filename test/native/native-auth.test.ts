/** With gateway keys configured, native routes refuse a missing or wrong key before any upstream call. */
import { call, gatewayKey, startFakeGateway, type FakeSetup } from './native-gateway';

describe('native routes require a gateway key', () => {
  let setup: FakeSetup;
  beforeAll(async () => {
    setup = await startFakeGateway();
  });
  afterAll(() => setup.close());

  const routes: [string, string, unknown][] = [
    ['POST', '/v1/native/flexprice/events/usage', { event_name: 'x', aggregation_type: 'COUNT' }],
    ['GET', '/v1/native/sequence/usage-metrics/m/calculate?customerAliases=a&periodStart=2026-01-01&periodEnd=2026-01-31', undefined],
    ['POST', '/v1/native/svix/api/v1/stats/usage/app', { since: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' }],
    ['GET', '/v1/native/svix/api/v1/background-task/qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2', undefined],
  ];

  it.each(routes)('%s %s: 401 without a key, 401 with a wrong one, no upstream call', async (method, path, body) => {
    const missing = await call(setup.gateway.url + path, { method, body, headers: { authorization: '' } });
    const wrong = await call(setup.gateway.url + path, { method, body, headers: { authorization: `Bearer ${gatewayKey}-wrong` } });
    const wrongAsApiKey = await call(setup.gateway.url + path, { method, body, headers: { authorization: '', 'x-api-key': 'not-the-gateway-key' } });
    expect([missing.status, wrong.status, wrongAsApiKey.status]).toStrictEqual([401, 401, 401]);
    expect(missing.body.code).toBe('unauthorized');
    expect(setup.upstreamCalls()).toBe(0);
  });
});
