/**
 * Counts what the resilience, cache and rate-limit layers report on the gateway's events
 * (src/events.ts): retries, breaker states, bulkhead refusals, cache lookups and rate-limited
 * requests. Every provider's breaker starts out exported as closed.
 */
import type { BreakerState, GatewayEvents } from '../events';
import type { CircuitState, GatewayMetrics } from './metrics';

const circuitStates: Record<BreakerState, CircuitState> = { closed: 'closed', 'half-open': 'half_open', open: 'open' };

export function countGatewayEvents(events: GatewayEvents, metrics: GatewayMetrics, providerIds: readonly string[]): void {
  for (const provider of providerIds) metrics.circuitState(provider, 'closed');
  events.on('retry', ({ provider }) => metrics.retry(provider));
  events.on('breaker', ({ provider, state }) => metrics.circuitState(provider, circuitStates[state]));
  events.on('bulkheadRejected', ({ provider }) => metrics.bulkheadRejected(provider));
  events.on('cache', ({ provider, outcome }) => {
    // `bypass`: the cache is off, or the answer is a task poll; no lookup happened.
    if (outcome !== 'bypass') metrics.cacheLookup(provider, outcome);
  });
  events.on('rateLimited', () => metrics.rateLimited('caller'));
}
