/** The in-process stores: the embedded default, for one gateway instance. */
import { LRUCache } from 'lru-cache';
import { currentWindow, type CacheEntry, type GatewayState } from './stores';

export interface MemoryStateOptions {
  maxTasks?: number;
  maxIdempotencyKeys?: number;
  maxCacheEntries?: number;
  maxRateLimitKeys?: number;
}

// lru-cache wants object values; a task or cached report is one, a fingerprint is wrapped.
type Held = { value: unknown };

export function createMemoryState(options: MemoryStateOptions = {}): GatewayState {
  const tasks = new LRUCache<string, Held>({ max: options.maxTasks ?? 10_000, ttlAutopurge: false });
  const keys = new LRUCache<string, Held>({ max: options.maxIdempotencyKeys ?? 100_000 });
  const cache = new LRUCache<string, CacheEntry>({ max: options.maxCacheEntries ?? 10_000 });
  const counters = new LRUCache<string, { index: number; count: number }>({ max: options.maxRateLimitKeys ?? 100_000 });
  return {
    tasks: {
      put: async (taskId, task, ttlMs) => {
        tasks.set(taskId, { value: task }, { ttl: ttlMs });
      },
      get: async (taskId) => tasks.get(taskId)?.value,
      count: async () => {
        tasks.purgeStale();
        return tasks.size;
      },
    },
    idempotency: {
      claim: async (key, fingerprint, ttlMs) => {
        const held = keys.get(key);
        if (held !== undefined) return held.value as string;
        keys.set(key, { value: fingerprint }, { ttl: ttlMs });
        return undefined;
      },
    },
    cache: {
      get: async (key) => {
        const entry = cache.get(key);
        return entry && entry.expiresAt > Date.now() ? entry : undefined;
      },
      set: async (key, value, ttlMs) => {
        const storedAt = Date.now();
        cache.set(key, { value, storedAt, expiresAt: storedAt + ttlMs }, { ttl: ttlMs });
      },
    },
    rateLimits: {
      hit: async (key, windowMs) => {
        const window = currentWindow(windowMs);
        const held = counters.get(key);
        const count = held && held.index === window.index ? held.count + 1 : 1;
        counters.set(key, { index: window.index, count });
        return { count, resetMs: window.resetMs };
      },
    },
    ready: async () => true,
    close: async () => undefined,
  };
}
