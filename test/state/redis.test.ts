/** The Redis stores: the shared contract against a real redis-server, plus what only Redis has. */
import { Redis } from 'ioredis';
import { createRedisState } from '../../src/state/redis';
import type { GatewayState } from '../../src/state/stores';
import { hasRedisServer, startRedisServer, type RedisServer } from '../helpers/redis-server';
import { describeGatewayState } from './contract';

const settings = (url: string) => ({ url, keyPrefix: 'ug-test:', commandTimeoutMs: 200 });

if (!hasRedisServer()) {
  it.skip('Redis state suites: redis-server is not installed (see the warning above)', () => undefined);
} else {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.stop());

  describeGatewayState('redis', () => createRedisState({ settings: settings(server.url) }));

  describe('Redis state', () => {
    let first: GatewayState;
    let second: GatewayState;
    let raw: Redis;
    beforeAll(async () => {
      [first, second] = await Promise.all([createRedisState({ settings: settings(server.url) }), createRedisState({ settings: settings(server.url) })]);
      raw = new Redis(server.url);
    });
    afterAll(async () => {
      await Promise.all([first.close(), second.close()]);
      raw.disconnect();
    });

    it('shares every store between two clients', async () => {
      await first.tasks.put('ugt_shared', { providerId: 'svix' }, 60_000);
      expect(await second.tasks.get('ugt_shared')).toStrictEqual({ providerId: 'svix' });
      await first.cache.set('svix:shared', { value: 1 }, 60_000);
      expect((await second.cache.get('svix:shared'))?.value).toStrictEqual({ value: 1 });
      expect(await first.idempotency.claim('svix\nshared', 'fp-1', 60_000)).toBeUndefined();
      expect(await second.idempotency.claim('svix\nshared', 'fp-2', 60_000)).toBe('fp-1');
      await first.rateLimits.hit('shared-client', 60_000);
      expect((await second.rateLimits.hit('shared-client', 60_000)).count).toBe(2);
    });

    it('writes only prefixed keys, each with an expiry', async () => {
      const keys = await raw.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key.startsWith('ug-test:')).toBe(true);
        expect(await raw.pttl(key)).toBeGreaterThan(0);
      }
    });
  });
}
