/**
 * What the resilience, cache and rate-limit layers report as they work: one typed emitter per
 * gateway, so a metrics layer can count retries, breaker changes, cache hits and refusals without
 * reaching into those layers. Emitting with no listener costs a property lookup.
 */
import { EventEmitter } from 'node:events';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface GatewayEventMap {
  /** An upstream call failed in a way worth retrying and will be tried again after `delayMs`. */
  retry: [{ provider: string; attempt: number; delayMs: number; reason: string }];
  /** A provider's circuit breaker changed state. */
  breaker: [{ provider: string; state: BreakerState }];
  /** A provider's bulkhead refused a call (every slot and queue place taken). */
  bulkheadRejected: [{ provider: string }];
  /** A unified query was answered from the cache (`hit`), went upstream (`miss`), or was refreshed on request. */
  cache: [{ provider: string; outcome: 'hit' | 'miss' | 'refresh' | 'bypass' }];
  /** A caller was refused with 429 by the inbound rate limit. */
  rateLimited: [{ limit: number }];
  /** A shared-state operation failed (Redis unreachable or slow); `failOpen` when the request went on anyway. */
  stateError: [{ store: 'tasks' | 'idempotency' | 'cache' | 'rateLimits'; failOpen: boolean; error: unknown }];
}

/** The gateway's event emitter (node:events, typed). */
export type GatewayEvents = EventEmitter<GatewayEventMap>;

export function createGatewayEvents(): GatewayEvents {
  return new EventEmitter<GatewayEventMap>();
}
