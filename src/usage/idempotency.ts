/**
 * Guards forwarded `Idempotency-Key`s. Svix replays the first result for a key whatever the body,
 * so a key reused for a different query would silently answer the old one: refuse that instead.
 * Keys live in the shared state, so the check holds across gateway instances.
 */
import { GatewayError } from '../errors';
import type { IdempotencyStore } from '../state/stores';
import { fingerprint } from './fingerprint';
import type { UsageQuery } from './model';
import { stateUnavailable } from './state-errors';

/** Svix keeps idempotent results for 12 hours. */
const KEY_LIFETIME_MS = 12 * 3_600_000;

export interface IdempotencyGuard {
  /**
   * Rejects with `idempotency_conflict` when `key` was first used with a different query, and with
   * `state_unavailable` when the key cannot be recorded.
   */
  check(key: string, query: UsageQuery): Promise<void>;
}

export function createIdempotencyGuard(store: IdempotencyStore): IdempotencyGuard {
  return {
    async check(key, query) {
      // waitSeconds and include change how the answer is delivered, not what Svix computes.
      const current = fingerprint(query, ['waitSeconds', 'include']);
      let previous: string | undefined;
      try {
        previous = await store.claim(`${query.provider}\n${key}`, current, KEY_LIFETIME_MS);
      } catch (error) {
        throw stateUnavailable('the idempotency key', error);
      }
      if (previous !== undefined && previous !== current) {
        throw new GatewayError('idempotency_conflict', {
          detail: 'This Idempotency-Key was used for a different query in the last 12 hours; use a new key per query',
          errors: [{ path: '/headers/idempotency-key', message: 'was already used for a different query' }],
        });
      }
    },
  };
}
