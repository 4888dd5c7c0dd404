/** The response cache (RFC 9211 Cache-Status, Age, Cache-Control: no-cache) and single-flight. */
import type { Gateway } from '../../src/gateway';
import { flexpriceAt, flexpriceQuery, startConfiguredGateway, usageAnswer } from '../helpers/configured-gateway';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { postJson } from '../helpers/gateway';

describe('response cache and single-flight', () => {
  let upstream: FakeUpstream;
  let gateway: Gateway;
  const query = (customer: string, headers: Record<string, string> = {}) => postJson(`${gateway.url}/v1/usage/query`, flexpriceQuery('fp', customer), headers);

  beforeAll(async () => {
    upstream = await startFakeUpstream('flexprice', '/v1');
    gateway = await startConfiguredGateway({ providers: [flexpriceAt('fp', upstream.baseUrl, { timeoutMs: 2_000 })], cache: { ttlSeconds: 60 } });
  });
  afterAll(async () => {
    await gateway.close({ graceMs: 0 });
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });

  it('20 identical concurrent queries make one upstream call and all get its answer', async () => {
    upstream.respond(() => ({ status: 200, body: usageAnswer, delayMs: 150 }));
    const answers = await Promise.all(Array.from({ length: 20 }, () => query('flight')));
    expect(upstream.requests).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.status))).toStrictEqual(new Set([200]));
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
  });

  it('a miss is stored; the repeat is a hit with Age and no upstream call', async () => {
    upstream.respond(() => ({ status: 200, body: usageAnswer }));
    const miss = await query('cached');
    expect(miss.headers.get('cache-status')).toBe('usage-gateway; fwd=miss; stored');
    expect(miss.headers.get('age')).toBeNull();
    const outcomes: string[] = [];
    gateway.events.on('cache', (event) => outcomes.push(event.outcome));
    const hit = await query('cached');
    expect(outcomes).toStrictEqual(['hit']);
    expect(hit.status).toBe(200);
    expect(hit.body).toStrictEqual(miss.body);
    expect(hit.headers.get('cache-status')).toMatch(/^usage-gateway; hit; ttl=(59|60)$/);
    expect(hit.headers.get('age')).toBe('0');
    expect(upstream.requests).toHaveLength(1);
  });

  it('the same query with its fields in another order or another waitSeconds is the same entry', async () => {
    upstream.respond(() => ({ status: 200, body: usageAnswer }));
    await query('reordered');
    const reordered = { to: '2026-10-01T00:00:00Z', from: '2026-09-01T00:00:00Z', customers: ['reordered'], metric: 'api_request', provider: 'fp', waitSeconds: 3 };
    const hit = await postJson(`${gateway.url}/v1/usage/query`, reordered);
    expect(hit.headers.get('cache-status')).toMatch(/; hit; /);
    expect(upstream.requests).toHaveLength(1);
  });

  it('Cache-Control: no-cache goes to the provider and refreshes the entry', async () => {
    upstream.respond(() => ({ status: 200, body: usageAnswer }));
    await query('refresh');
    upstream.respond(() => ({ status: 200, body: { ...usageAnswer, value: 9 } }));
    const refreshed = await query('refresh', { 'cache-control': 'no-cache' });
    expect(refreshed.headers.get('cache-status')).toBe('usage-gateway; fwd=request; stored');
    expect(upstream.requests).toHaveLength(2);
    const hit = await query('refresh');
    expect(hit.headers.get('cache-status')).toMatch(/; hit; /);
    expect(hit.body).toStrictEqual(refreshed.body);
    expect(upstream.requests).toHaveLength(2);
  });

  it('never caches an error', async () => {
    upstream.respond(() => ({ status: 400, body: { error: { message: 'bad' } } }));
    expect((await query('failing')).status).toBe(422);
    expect((await query('failing')).status).toBe(422);
    expect(upstream.requests).toHaveLength(2);
  });
});
