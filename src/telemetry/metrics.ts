/**
 * The gateway's Prometheus metrics, on a registry of its own (several gateways in one process do
 * not share counters). `GatewayMetrics` is the one surface instrumentation calls: the request
 * middleware, the provider fetch wrapper, the contract guard, and the resilience and state features
 * (cache, retries, rate limits, circuit breakers) through the named methods below.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How one call to a provider ended, as seen on the wire. */
export type UpstreamOutcome = 'success' | 'client_error' | 'rate_limited' | 'server_error' | 'timeout' | 'network_error' | 'aborted';

/** Where a provider answer outside its spec was caught. */
export type ContractSurface = 'unified' | 'native';

/** A circuit breaker's state, exported as 0 (closed), 1 (half open) or 2 (open). */
export type CircuitState = 'closed' | 'half_open' | 'open';

const circuitValues: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** Latency buckets in seconds: a cached answer in a millisecond up to a slow provider's 10 s timeout. */
const durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface GatewayMetrics {
  /** One answered HTTP request; `route` is a template or a fixed label, never a raw path. */
  httpRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  /** A request started (+1) or finished (-1). */
  inFlight(delta: 1 | -1): void;
  /** One call to a provider, unified or native. */
  upstreamRequest(provider: string, outcome: UpstreamOutcome, seconds: number): void;
  /** A provider answer outside its spec. */
  contractViolation(provider: string, surface: ContractSurface): void;
  /** A cache lookup for a provider's answer: served from it, missed, or refreshed on the caller's `no-cache`. */
  cacheLookup(provider: string, result: 'hit' | 'miss' | 'refresh'): void;
  /** A provider call retried by the retry policy. */
  retry(provider: string): void;
  /** A request refused by a rate limit; `limiter` names which (`caller`, a provider id). */
  rateLimited(limiter: string): void;
  /** A provider's circuit breaker changed state. */
  circuitState(provider: string, state: CircuitState): void;
  /** A provider call refused because the provider's bulkhead was full. */
  bulkheadRejected(provider: string): void;
  /** Reports the number of asynchronous tasks held, read at every scrape. */
  trackPendingTasks(count: () => number | Promise<number>): void;
  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'usage_gateway_http_requests_total', help: 'HTTP requests answered, by method, route template and status.', labelNames: ['method', 'route', 'status'] as const, registers });
  const requestDuration = new Histogram({ name: 'usage_gateway_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method, route template and status.', labelNames: ['method', 'route', 'status'] as const, buckets: durationBuckets, registers });
  const inFlight = new Gauge({ name: 'usage_gateway_http_requests_in_flight', help: 'HTTP requests being answered now.', registers });
  const upstream = new Counter({ name: 'usage_gateway_upstream_requests_total', help: 'Calls to providers (unified and native), by provider and outcome.', labelNames: ['provider', 'outcome'] as const, registers });
  const upstreamDuration = new Histogram({ name: 'usage_gateway_upstream_request_duration_seconds', help: 'Time until a provider call had its response headers (or failed), by provider.', labelNames: ['provider'] as const, buckets: durationBuckets, registers });
  const violations = new Counter({ name: 'usage_gateway_contract_violations_total', help: 'Provider answers outside the provider spec, by provider and surface (unified, native).', labelNames: ['provider', 'surface'] as const, registers });
  const cache = new Counter({ name: 'usage_gateway_cache_lookups_total', help: 'Cache lookups of unified answers, by provider and result (hit, miss, refresh).', labelNames: ['provider', 'result'] as const, registers });
  const retries = new Counter({ name: 'usage_gateway_upstream_retries_total', help: 'Provider calls retried, by provider.', labelNames: ['provider'] as const, registers });
  const rateLimited = new Counter({ name: 'usage_gateway_rate_limited_requests_total', help: 'Requests refused by a rate limit, by limiter.', labelNames: ['limiter'] as const, registers });
  const circuit = new Gauge({ name: 'usage_gateway_circuit_breaker_state', help: 'Circuit breaker state per provider: 0 closed, 1 half open, 2 open.', labelNames: ['provider'] as const, registers });
  const bulkhead = new Counter({ name: 'usage_gateway_bulkhead_rejections_total', help: 'Provider calls refused because every concurrent slot and queue place was taken, by provider.', labelNames: ['provider'] as const, registers });
  let countTasks: (() => number | Promise<number>) | undefined;
  new Gauge({
    name: 'usage_gateway_pending_tasks',
    help: 'Asynchronous query tasks held for polling at GET /v1/usage/tasks/{taskId}.',
    registers,
    async collect() {
      if (!countTasks) return;
      try {
        this.set(await countTasks());
      } catch {
        // Shared state unreachable (logged where it failed): the gauge keeps its last value.
      }
    },
  });

  return {
    httpRequest(labels, seconds) {
      const values = { method: labels.method, route: labels.route, status: String(labels.status) };
      requests.inc(values);
      requestDuration.observe(values, seconds);
    },
    inFlight: (delta) => inFlight.inc(delta),
    upstreamRequest(provider, outcome, seconds) {
      upstream.inc({ provider, outcome });
      upstreamDuration.observe({ provider }, seconds);
    },
    contractViolation: (provider, surface) => violations.inc({ provider, surface }),
    cacheLookup: (provider, result) => cache.inc({ provider, result }),
    retry: (provider) => retries.inc({ provider }),
    rateLimited: (limiter) => rateLimited.inc({ limiter }),
    circuitState: (provider, state) => circuit.set({ provider }, circuitValues[state]),
    bulkheadRejected: (provider) => bulkhead.inc({ provider }),
    trackPendingTasks(count) {
      countTasks = count;
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
