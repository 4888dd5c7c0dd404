/**
 * The deadline and retries around Svix's asynchronous stats and around the native passthrough.
 */
import type { Gateway } from '../../src/gateway';
import { startConfiguredGateway } from '../helpers/configured-gateway';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { getJson, postJson } from '../helpers/gateway';
import accepted from '../fixtures/svix/stats-accepted.json';
import finished from '../fixtures/svix/task-finished.json';
import running from '../fixtures/svix/task-running.json';

const DEADLINE_MS = 1_200;
const svixQuery = { provider: 'svix', metric: 'message_destinations', from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };

describe('deadline and retries around Svix and the native passthrough', () => {
  let svix: FakeUpstream;
  let gateway: Gateway;

  beforeAll(async () => {
    svix = await startFakeUpstream('svix');
    gateway = await startConfiguredGateway({
      providers: [{ id: 'svix', type: 'svix', baseUrl: svix.baseUrl, token: 'testsk_kN3XqE9vJ2wPzQ8rT.eu', timeoutMs: 300, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 } }],
      limits: { queryDeadlineMs: DEADLINE_MS },
    });
    // The request validator compiles the spec on its first request: do that before timing anything.
    await getJson(`${gateway.url}/v1/providers`);
  });
  afterAll(async () => {
    await gateway.close({ graceMs: 0 });
    await svix.close();
  });
  beforeEach(() => {
    svix.requests.length = 0;
  });

  it('caps waitSeconds at the deadline: the caller gets the pending task (202), not a 504', async () => {
    svix.respond((request) => (request.method === 'POST' ? { status: 202, body: accepted } : { status: 200, body: running }));
    const started = performance.now();
    const answer = await postJson(`${gateway.url}/v1/usage/query`, { ...svixQuery, waitSeconds: 30 });
    const ms = performance.now() - started;
    expect(answer.status).toBe(202);
    expect(answer.body.status).toBe('pending');
    expect(answer.headers.get('cache-status')).toBe('usage-gateway; fwd=miss');
    // The deadline is a timer; on a busy 2-core machine the event loop may run it late. Waiting
    // out waitSeconds would take 30 s: anything near the deadline shows the cap.
    expect(ms).toBeLessThan(DEADLINE_MS + 1_000);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 300);
  });

  it('retries the stats creation with the same idempotency key', async () => {
    let posts = 0;
    svix.respond((request) => {
      if (request.method === 'POST') return ++posts === 1 ? { status: 503, body: { code: 'busy', detail: 'busy' } } : { status: 202, body: accepted };
      return { status: 200, body: finished };
    });
    const answer = await postJson(`${gateway.url}/v1/usage/query`, { ...svixQuery, from: '2025-02-01T00:00:00Z' });
    expect(answer.status).toBe(200);
    const creations = svix.requests.filter((request) => request.method === 'POST');
    expect(creations).toHaveLength(2);
    expect(creations[0]?.headers['idempotency-key']).toBeDefined();
    expect(creations[1]?.headers['idempotency-key']).toBe(creations[0]?.headers['idempotency-key']);
  });

  it('native: retries an idempotent GET', async () => {
    let calls = 0;
    svix.respond(() => (++calls === 1 ? { status: 503, body: { code: 'busy', detail: 'busy' } } : { status: 200, body: running }));
    const answer = await getJson(`${gateway.url}/v1/native/svix/api/v1/background-task/${running.id}`);
    expect(answer.status).toBe(200);
    expect(svix.requests).toHaveLength(2);
  });

  it('native: a POST without Idempotency-Key is sent once; with one it is retried', async () => {
    svix.respond(() => ({ status: 503, body: { code: 'busy', detail: 'busy' } }));
    const body = { since: '2025-03-01T00:00:00Z', until: '2025-04-01T00:00:00Z' };
    const once = await postJson(`${gateway.url}/v1/native/svix/api/v1/stats/usage/app`, body);
    expect(once.status).toBe(503);
    expect(svix.requests).toHaveLength(1);
    const keyed = await postJson(`${gateway.url}/v1/native/svix/api/v1/stats/usage/app`, body, { 'idempotency-key': 'retry-me-1' });
    expect(keyed.status).toBe(503);
    expect(svix.requests).toHaveLength(4);
  });
});
