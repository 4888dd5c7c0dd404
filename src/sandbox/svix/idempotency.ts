/**
 * Svix idempotency: the first successful (2xx) answer to a POST carrying `idempotency-key` is
 * replayed for 12 hours to any POST with the same Authorization header, key and request URI, whatever
 * its body (svix-server hashes exactly those three; the body is not part of the key). Errors are not
 * cached, so a retry after a 4xx runs again. Time is the injected clock's.
 */
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_TTL_MS = 12 * 60 * 60 * 1000;

/** A stored answer. */
export interface CachedResponse {
  status: number;
  body: unknown;
}

interface Entry extends CachedResponse {
  expiresAt: number;
}

/** Replays stored answers by scope. */
export interface IdempotencyCache {
  lookup(scope: string): CachedResponse | undefined;
  remember(scope: string, response: CachedResponse): void;
}

/** The cache key: a digest, so the stored keys never hold the bearer token itself. */
export function idempotencyScope(authorization: string, key: string, uri: string): string {
  return createHash('sha256').update(`${authorization}:${key}:${uri}`).digest('hex');
}

export function createIdempotencyCache(options: { now: () => number; maxEntries: number; ttlMs?: number }): IdempotencyCache {
  const ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
  const entries = new Map<string, Entry>();
  // Entries are kept in insertion order; with one TTL and a clock moving forward, that is expiry order.
  const sweep = (now: number) => {
    for (const [scope, entry] of entries) {
      if (entry.expiresAt > now && entries.size <= options.maxEntries) break;
      entries.delete(scope);
    }
  };
  return {
    lookup(scope) {
      const now = options.now();
      sweep(now);
      const entry = entries.get(scope);
      // The sweep stops at the first live entry; a clock set back can leave a dead one behind it.
      return entry && entry.expiresAt > now ? { status: entry.status, body: structuredClone(entry.body) } : undefined;
    },
    remember(scope, response) {
      entries.set(scope, { status: response.status, body: structuredClone(response.body), expiresAt: options.now() + ttlMs });
      sweep(options.now());
    },
  };
}
