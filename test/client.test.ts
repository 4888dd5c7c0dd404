import { createUsageClient } from '../src';
import type { Gateway } from '../src/gateway';
import { demoEvents } from '../src/sandbox/demo-data';
import { startTestGateway } from './helpers/gateway';

describe('createUsageClient', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('queries usage with the generated types', async () => {
    const usage = createUsageClient({ baseUrl: `${gateway.url}/` });
    const { data, error, response } = await usage.POST('/v1/usage/query', {
      body: { provider: 'flexprice', metric: 'storage_snapshot', aggregation: 'max', property: 'gb', customers: ['globex'], from: '2026-09-01T00:00:00Z', to: '2026-10-31T00:00:00Z' },
    });
    expect([response.status, error]).toStrictEqual([200, undefined]);
    const snapshots = demoEvents().filter((event) => event.name === 'storage_snapshot' && event.customer === 'globex');
    expect(data?.status === 'complete' ? data.value : data).toBe(Math.max(...snapshots.map((event) => Number(event.properties.gb))));
  });

  it('returns problems as typed errors', async () => {
    const usage = createUsageClient({ baseUrl: gateway.url, apiKey: 'unused-when-the-gateway-has-no-keys' });
    const { data, error } = await usage.GET('/v1/providers/{providerId}', { params: { path: { providerId: 'nope' } } });
    expect(data).toBeUndefined();
    expect(error?.code).toBe('provider_not_found');
  });
});
