/**
 * Several gateway instances sharing one real redis-server behave as one: tasks, idempotency keys,
 * cached reports and rate limits are shared; a Redis outage never hangs a request and readiness
 * follows Redis without a restart.
 */
import type { Gateway } from '../../src/gateway';
import { flexpriceAt, flexpriceQuery, startConfiguredGateway, usageAnswer } from '../helpers/configured-gateway';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { getJson, postJson } from '../helpers/gateway';
import { awayFromMinuteEdge } from '../helpers/rate-window';
import { hasRedisServer, startRedisServer, type RedisServer } from '../helpers/redis-server';
import accepted from '../fixtures/svix/stats-accepted.json';
import finished from '../fixtures/svix/task-finished.json';

const svixQuery = { provider: 'svix', metric: 'message_destinations', from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z', waitSeconds: 0 };
const key = 'k'.repeat(32);
const limitedKey = 'l'.repeat(32);
const auth = { 'x-api-key': key };

if (!hasRedisServer()) {
  it.skip('Redis multi-instance suites: redis-server is not installed (see the warning above)', () => undefined);
} else {
  describe('two gateway instances sharing one Redis', () => {
    let redis: RedisServer;
    let svix: FakeUpstream;
    let flexprice: FakeUpstream;
    let config: object;
    let first: Gateway;
    let second: Gateway;

    beforeAll(async () => {
      [redis, svix, flexprice] = await Promise.all([startRedisServer(), startFakeUpstream('svix'), startFakeUpstream('flexprice', '/v1')]);
      config = {
        apiKeys: [key, limitedKey],
        providers: [
          { id: 'svix', type: 'svix', baseUrl: svix.baseUrl, token: 'testsk_kN3XqE9vJ2wPzQ8rT.eu', timeoutMs: 1_000 },
          flexpriceAt('fp', flexprice.baseUrl, { timeoutMs: 1_000 }),
        ],
        cache: { ttlSeconds: 60 },
        rateLimit: { requestsPerMinute: 1_000 },
        redis: { url: redis.url, commandTimeoutMs: 200 },
      };
      [first, second] = await Promise.all([startConfiguredGateway(config), startConfiguredGateway(config)]);
    });
    afterAll(async () => {
      await Promise.all([first.close({ graceMs: 0 }), second.close({ graceMs: 0 })]);
      await Promise.all([svix.close(), flexprice.close(), redis.stop()]);
    });

    it('answers on instance 2 a task started on instance 1, after instance 1 is gone', async () => {
      svix.respond((request) => (request.method === 'POST' ? { status: 202, body: accepted } : { status: 200, body: finished }));
      const started = await postJson(`${first.url}/v1/usage/query`, svixQuery, auth);
      expect(started.status).toBe(202);
      await first.close({ graceMs: 0 });
      const answered = await getJson(`${second.url}/v1/usage/tasks/${started.body.taskId as string}`, auth);
      expect(answered.status).toBe(200);
      expect(answered.body.provider).toBe('svix');
      expect(answered.headers.get('cache-status')).toBe('usage-gateway; fwd=bypass');
      first = await startConfiguredGateway(config);
    });

    it('checks an idempotency key used on instance 1 when it comes back on instance 2', async () => {
      svix.respond(() => ({ status: 202, body: accepted }));
      const headers = { ...auth, 'idempotency-key': 'shared-key-1' };
      expect((await postJson(`${first.url}/v1/usage/query`, svixQuery, headers)).status).toBe(202);
      expect((await postJson(`${second.url}/v1/usage/query`, svixQuery, headers)).status).toBe(202);
      const conflict = await postJson(`${second.url}/v1/usage/query`, { ...svixQuery, from: '2025-02-01T00:00:00Z' }, headers);
      expect(conflict.status).toBe(422);
      expect(conflict.body.code).toBe('idempotency_conflict');
    });

    it('shares cached reports', async () => {
      flexprice.requests.length = 0;
      flexprice.respond(() => ({ status: 200, body: usageAnswer }));
      const miss = await postJson(`${first.url}/v1/usage/query`, flexpriceQuery('fp', 'shared'), auth);
      expect(miss.headers.get('cache-status')).toBe('usage-gateway; fwd=miss; stored');
      const hit = await postJson(`${second.url}/v1/usage/query`, flexpriceQuery('fp', 'shared'), auth);
      expect(hit.headers.get('cache-status')).toMatch(/^usage-gateway; hit; ttl=\d+$/);
      expect(hit.body).toStrictEqual(miss.body);
      expect(flexprice.requests).toHaveLength(1);
    });

    it('counts a key against one rate limit across instances', async () => {
      const limited = await Promise.all([startConfiguredGateway({ ...config, rateLimit: { requestsPerMinute: 4 } }), startConfiguredGateway({ ...config, rateLimit: { requestsPerMinute: 4 } })]);
      try {
        await awayFromMinuteEdge();
        const statuses = [];
        for (let index = 0; index < 5; index += 1) {
          const gateway = limited[index % 2] as Gateway;
          statuses.push((await getJson(`${gateway.url}/v1/providers`, { 'x-api-key': limitedKey })).status);
        }
        expect(statuses).toStrictEqual([200, 200, 200, 200, 429]);
      } finally {
        await Promise.all(limited.map((gateway) => gateway.close({ graceMs: 0 })));
      }
    });

    it('never waits on a Redis that hangs: commands time out, the cache fails open, new tasks get 503', async () => {
      flexprice.respond(() => ({ status: 200, body: usageAnswer }));
      svix.respond(() => ({ status: 202, body: accepted }));
      redis.pause();
      try {
        const started = performance.now();
        const query = await postJson(`${second.url}/v1/usage/query`, flexpriceQuery('fp', 'frozen'), auth);
        expect(query.status).toBe(200);
        expect(query.headers.get('cache-status')).toBe('usage-gateway; fwd=miss');
        const task = await postJson(`${second.url}/v1/usage/query`, svixQuery, auth);
        expect(task.status).toBe(503);
        expect(task.body.code).toBe('state_unavailable');
        expect((await getJson(`${second.url}/readyz`)).status).toBe(503);
        // Three requests, each waiting at most a few 200 ms command timeouts.
        expect(performance.now() - started).toBeLessThan(3_000);
      } finally {
        redis.resume();
      }
      let ready = 0;
      for (let attempt = 0; attempt < 30 && ready !== 200; attempt += 1) {
        ready = (await getJson(`${second.url}/readyz`)).status;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ready).toBe(200);
    });

    it('survives Redis dying: readyz 503, cache and rate limit fail open, new tasks 503 state_unavailable; then recovers', async () => {
      expect((await getJson(`${first.url}/readyz`)).status).toBe(200);
      await redis.kill();
      const unready = await getJson(`${first.url}/readyz`);
      expect(unready.status).toBe(503);
      expect(unready.body).toStrictEqual({ status: 'unavailable', reason: 'shared state (redis) unreachable' });
      expect((await getJson(`${first.url}/healthz`)).status).toBe(200);

      flexprice.respond(() => ({ status: 200, body: usageAnswer }));
      const started = performance.now();
      const query = await postJson(`${first.url}/v1/usage/query`, flexpriceQuery('fp', 'outage'), auth);
      expect(query.status).toBe(200);
      expect(query.headers.get('cache-status')).toBe('usage-gateway; fwd=miss');

      svix.respond(() => ({ status: 202, body: accepted }));
      const task = await postJson(`${first.url}/v1/usage/query`, svixQuery, auth);
      expect(task.status).toBe(503);
      expect(task.body.code).toBe('state_unavailable');
      expect(task.headers.get('retry-after')).toBe('1');
      const keyed = await postJson(`${first.url}/v1/usage/query`, svixQuery, { ...auth, 'idempotency-key': 'outage-key' });
      expect(keyed.status).toBe(503);
      expect(keyed.body.code).toBe('state_unavailable');
      expect(performance.now() - started).toBeLessThan(2_000);

      await redis.start();
      let ready = 0;
      for (let attempt = 0; attempt < 50 && ready !== 200; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ready = (await getJson(`${first.url}/readyz`)).status;
      }
      expect(ready).toBe(200);
      const after = await postJson(`${second.url}/v1/usage/query`, svixQuery, auth);
      expect(after.status).toBe(202);
    });
  });
}
