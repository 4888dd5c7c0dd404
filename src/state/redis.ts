/**
 * The stores on Redis (ioredis), shared by every gateway instance pointing at the same server.
 * Every key carries the configured prefix and an expiry. A command gets `commandTimeoutMs` and
 * is never queued while Redis is unreachable (`enableOfflineQueue: false`): it fails at once, so a
 * Redis fault never holds a request; the client reconnects in the background.
 */
import { Redis } from 'ioredis';
import type { RedisSettings } from '../config';
import { currentWindow, type CacheEntry, type GatewayState } from './stores';

/** Where connection trouble is reported (a pino logger fits). */
export interface StateLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

// Read the held fingerprint, or record this one: one round trip, atomic.
const claimScript = `
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

// Count a request in its window; the first request of a window sets the key's expiry.
const hitScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

type ScriptedRedis = Redis & {
  claim(key: string, fingerprint: string, ttlMs: number): Promise<string | null>;
  hit(key: string, ttlMs: number): Promise<number>;
};

export interface RedisStateOptions {
  settings: RedisSettings;
  logger?: StateLogger | undefined;
  /** How long startup waits for a first connection before going on unready (default 2000 ms). */
  connectWaitMs?: number;
}

export async function createRedisState(options: RedisStateOptions): Promise<GatewayState> {
  const { settings, logger } = options;
  const redis = new Redis(settings.url, {
    keyPrefix: settings.keyPrefix,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: Math.max(1_000, settings.commandTimeoutMs * 4),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  }) as ScriptedRedis;
  redis.defineCommand('claim', { numberOfKeys: 1, lua: claimScript });
  redis.defineCommand('hit', { numberOfKeys: 1, lua: hitScript });
  let reported = false;
  redis.on('error', (error: Error) => {
    // One line per outage, not one per reconnection attempt; the URL is not logged (it may hold a password).
    if (!reported) logger?.warn({ err: { message: error.message } }, 'redis unreachable; shared state unavailable until it is back');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger?.info({}, 'redis reachable again');
    reported = false;
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.connectWaitMs ?? 2_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });

  return {
    tasks: {
      put: async (taskId, task, ttlMs) => {
        // `tasks` indexes the ids by expiry so count() needs no scan; it lives as long as its
        // longest-lived task (NX sets a first expiry, GT only ever extends it).
        await redis.multi()
          .set(`task:${taskId}`, JSON.stringify(task), 'PX', ttlMs)
          .zadd('tasks', Date.now() + ttlMs, taskId)
          .pexpire('tasks', ttlMs, 'NX')
          .pexpire('tasks', ttlMs, 'GT')
          .exec();
      },
      get: async (taskId) => {
        const text = await redis.get(`task:${taskId}`);
        return text === null ? undefined : (JSON.parse(text) as unknown);
      },
      count: async () => {
        const results = await redis.multi().zremrangebyscore('tasks', '-inf', Date.now()).zcard('tasks').exec();
        return Number(results?.[1]?.[1] ?? 0);
      },
    },
    idempotency: {
      claim: async (key, fingerprint, ttlMs) => (await redis.claim(`idempotency:${key}`, fingerprint, ttlMs)) ?? undefined,
    },
    cache: {
      get: async (key) => {
        const text = await redis.get(`cache:${key}`);
        if (text === null) return undefined;
        const entry = JSON.parse(text) as CacheEntry;
        return entry.expiresAt > Date.now() ? entry : undefined;
      },
      set: async (key, value, ttlMs) => {
        const storedAt = Date.now();
        const entry: CacheEntry = { value, storedAt, expiresAt: storedAt + ttlMs };
        await redis.set(`cache:${key}`, JSON.stringify(entry), 'PX', ttlMs);
      },
    },
    rateLimits: {
      hit: async (key, windowMs) => {
        const window = currentWindow(windowMs);
        // The key outlives its window by a second, so clocks a little apart still count together.
        const count = await redis.hit(`ratelimit:${key}:${window.index}`, window.resetMs + 1_000);
        return { count, resetMs: window.resetMs };
      },
    },
    ready: async () => {
      if (redis.status !== 'ready') return false;
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
