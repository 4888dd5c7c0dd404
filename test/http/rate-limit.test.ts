/** The inbound rate limit: per gateway key, 429 rate_limited with Retry-After and the IETF fields. */
import type { Gateway } from '../../src/gateway';
import { startConfiguredGateway } from '../helpers/configured-gateway';
import { getJson } from '../helpers/gateway';
import { awayFromMinuteEdge } from '../helpers/rate-window';

const keyA = 'a'.repeat(32);
const keyB = 'b'.repeat(32);

describe('inbound rate limit', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startConfiguredGateway({ apiKeys: [keyA, keyB], rateLimit: { requestsPerMinute: 3 }, sandbox: { demoData: false } });
  });
  afterAll(() => gateway.close({ graceMs: 0 }));

  it('lets a key through up to its limit, then answers 429 with Retry-After and RateLimit fields', async () => {
    await awayFromMinuteEdge();
    const refusals: number[] = [];
    gateway.events.on('rateLimited', (event) => refusals.push(event.limit));
    const answers = [];
    for (let index = 0; index < 4; index += 1) answers.push(await getJson(`${gateway.url}/v1/providers`, { 'x-api-key': keyA }));
    expect(answers.map((answer) => answer.status)).toStrictEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers.get('ratelimit-policy')).toBe('"per-minute";q=3;w=60');
    expect(answers[0]?.headers.get('ratelimit')).toMatch(/^"per-minute";r=2;t=\d+$/);
    expect(refusals).toStrictEqual([3]);
    const refused = answers[3];
    expect(refused?.body.code).toBe('rate_limited');
    expect(refused?.body.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused?.headers.get('ratelimit')).toMatch(/^"per-minute";r=0;t=\d+$/);
    expect(JSON.stringify(refused?.body)).not.toContain(keyA);
  });

  it('counts each key apart, and leaves liveness and readiness alone', async () => {
    expect((await getJson(`${gateway.url}/v1/providers`, { authorization: `Bearer ${keyB}` })).status).toBe(200);
    expect((await getJson(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await getJson(`${gateway.url}/readyz`)).body).toStrictEqual({ status: 'ready' });
  });
});
