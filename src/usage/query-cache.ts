/**
 * The unified API's response cache: complete reports only (never errors or pending tasks), keyed
 * by provider and normalized query, for `cache.ttlSeconds`. It fails open: a store that cannot be
 * reached is a miss, reported through `onError`, never a failed query.
 */
import type { CacheStore } from '../state/stores';
import { fingerprint } from './fingerprint';
import type { UsageQuery, UsageReport } from './model';

/** How an answer relates to the cache, for `Cache-Status` (RFC 9211) and `Age`. */
export type CacheOutcome =
  | { kind: 'hit'; ageSeconds: number; ttlSeconds: number }
  | { kind: 'forward'; reason: 'miss' | 'request' | 'bypass'; stored: boolean };

export interface QueryCache {
  readonly enabled: boolean;
  /** The cache key of `query`; waitSeconds only says how long to wait, not what to compute. */
  keyOf(query: UsageQuery): string;
  lookup(key: string): Promise<{ report: UsageReport; outcome: CacheOutcome } | undefined>;
  /** Stores `report`; answers whether it was stored. */
  store(key: string, report: UsageReport): Promise<boolean>;
}

export interface QueryCacheOptions {
  store: CacheStore;
  ttlSeconds: number;
  onError: (error: unknown) => void;
}

export function createQueryCache(options: QueryCacheOptions): QueryCache {
  const ttlMs = options.ttlSeconds * 1000;
  return {
    enabled: ttlMs > 0,
    keyOf: (query) => `${query.provider}:${fingerprint(query, ['waitSeconds'])}`,
    async lookup(key) {
      try {
        const entry = await options.store.get(key);
        if (!entry) return undefined;
        const now = Date.now();
        return {
          // The store answers what store() put: a UsageReport.
          report: entry.value as UsageReport,
          outcome: { kind: 'hit', ageSeconds: Math.max(0, Math.floor((now - entry.storedAt) / 1000)), ttlSeconds: Math.max(0, Math.ceil((entry.expiresAt - now) / 1000)) },
        };
      } catch (error) {
        options.onError(error);
        return undefined;
      }
    },
    async store(key, report) {
      try {
        await options.store.set(key, report, ttlMs);
        return true;
      } catch (error) {
        options.onError(error);
        return false;
      }
    },
  };
}

/** The `Cache-Status` field value (RFC 9211) for an outcome. */
export function cacheStatus(outcome: CacheOutcome): string {
  if (outcome.kind === 'hit') return `usage-gateway; hit; ttl=${outcome.ttlSeconds}`;
  return `usage-gateway; fwd=${outcome.reason}${outcome.stored ? '; stored' : ''}`;
}
