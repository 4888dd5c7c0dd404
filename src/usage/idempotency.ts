/**
 * Guards forwarded `Idempotency-Key`s. Svix replays the first result for a key whatever the body,
 * so a key reused for a different query would silently answer the old one: refuse that instead.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { GatewayError } from '../errors';
import type { UsageQuery } from './model';

/** Svix keeps idempotent results for 12 hours. */
const KEY_LIFETIME_MS = 12 * 3_600_000;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function fingerprint(query: UsageQuery): string {
  const { waitSeconds: _wait, include: _include, ...asked } = query;
  return createHash('sha256').update(JSON.stringify(canonical(asked))).digest('base64url');
}

export interface IdempotencyGuard {
  /** Throws `idempotency_conflict` when `key` was last seen with a different query. */
  check(key: string, query: UsageQuery): void;
}

export function createIdempotencyGuard(maxKeys = 100_000): IdempotencyGuard {
  const seen = new LRUCache<string, string>({ max: maxKeys, ttl: KEY_LIFETIME_MS });
  return {
    check(key, query) {
      const scope = `${query.provider}\n${key}`;
      const current = fingerprint(query);
      const previous = seen.get(scope);
      if (previous !== undefined && previous !== current) {
        throw new GatewayError('idempotency_conflict', {
          detail: 'This Idempotency-Key was used for a different query in the last 12 hours; use a new key per query',
          errors: [{ path: '/headers/idempotency-key', message: 'was already used for a different query' }],
        });
      }
      seen.set(scope, current);
    },
  };
}
