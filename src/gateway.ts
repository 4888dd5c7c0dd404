/**
 * startGateway: listen, start the sandbox when a provider needs it, build the providers and the
 * app. server.ts runs it for real; end-to-end tests run it on an ephemeral port.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { createApp } from './app';
import { defaultPolicySettings, type Config, type ProviderConfig } from './config';
import { createGatewayEvents, type GatewayEvents } from './events';
import { createAppServer } from './http/app-server';
import { isGatewayKey } from './http/auth';
import { rateLimit } from './http/rate-limit';
import { callerSpec } from './native/caller-spec';
import { createNativeRouter } from './native/native-router';
import { createProviderPolicies } from './policies/provider-policy';
import { createContractGuard } from './providers/contract-guard';
import { createUpstreamGuard } from './providers/contract-guard-fetch';
import { createNativeUpstreams } from './providers/native-registry';
import { createPooledFetch } from './providers/pooled-fetch';
import { createProviders } from './providers/registry';
import type { Fetch } from './providers/upstream';
import { createSandbox, sandboxPaths, type Sandbox } from './sandbox';
import { createMemoryState } from './state/memory';
import { createRedisState } from './state/redis';
import type { GatewayState } from './state/stores';
import { countGatewayEvents } from './telemetry/event-metrics';
import { createTelemetry, type Telemetry } from './telemetry/telemetry';
import { createUsageService } from './usage/service';

/** With no configuration file the gateway runs one sandbox provider of each type. */
const defaultProviders: ProviderConfig[] = [
  { id: 'flexprice', type: 'flexprice', mode: 'sandbox', timeoutMs: 10_000, ...defaultPolicySettings },
  { id: 'sequence', type: 'sequence', mode: 'sandbox', timeoutMs: 10_000, ...defaultPolicySettings },
  { id: 'svix', type: 'svix', mode: 'sandbox', timeoutMs: 10_000, ...defaultPolicySettings },
];

/** The providers a configuration serves: its file's, or the embedded sandbox providers when there is no file. */
export function configuredProviders(config: Pick<Config, 'configFile' | 'providers'>): ProviderConfig[] {
  return config.configFile ? config.providers : defaultProviders;
}

export interface GatewayOptions {
  config: Config;
  /** The providers to serve, when not every configured one (default: configuredProviders(config)). */
  providers?: ProviderConfig[];
  logger?: Logger;
  /** Validate every gateway and simulator response against its spec (tests). */
  validateResponses?: boolean;
  now?: () => number;
  fetch?: Fetch;
  /** Where retries, breaker changes, cache outcomes and refusals are reported (a metrics layer listens). */
  events?: GatewayEvents;
  /**
   * false: every upstream call is tried once, with no deadline-aware retries, breaker or bulkhead
   * (bench/policies.ts compares the two). Default true.
   */
  policies?: boolean;
}

export interface CloseOptions {
  /** How long in-flight requests may take to finish (default: the config's shutdownGraceMs). */
  graceMs?: number;
}

export interface Gateway {
  /** The origin to call, e.g. `http://127.0.0.1:8080`. */
  url: string;
  providers: ProviderConfig[];
  sandbox: Sandbox | undefined;
  server: Server;
  /** The shared state (memory, or Redis when configured). */
  state: GatewayState;
  events: GatewayEvents;
  /** Metrics and tracing; absent when both are turned off. */
  telemetry: Telemetry | undefined;
  /**
   * Graceful stop: refuses new connections, answers /readyz 503, lets in-flight requests finish
   * for up to `graceMs`, cuts what is left, then closes the shared state and exports the spans still buffered.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** Stops `server`: in-flight requests get `graceMs` to finish; idle keep-alive connections go at once. */
function stopServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    // A connection is idle between requests: close each as soon as its request is answered.
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const providers = options.providers ?? configuredProviders(config);
  // The port is known only once listening (PORT=0), and sandbox adapters need it: hold requests
  // with a 503 until the app is built, a matter of milliseconds.
  const { server, serve } = createAppServer((_req, res) => {
    res.writeHead(503, { 'retry-after': '1' }).end();
  });
  // Outlive the idle timeouts of the clients in front (load balancers, fetch's pool): a server that
  // closes an idle connection first races the client's next request on it.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const host = wildcard ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  const sandbox = providers.some((provider) => provider.mode === 'sandbox')
    ? createSandbox({
        origin: url,
        settings: config.sandbox,
        now: options.now,
        validateResponses: options.validateResponses,
        // A simulator fails while answering a request: log it with that request's ids.
        onError: (error, req) => (req.log ?? options.logger)?.error({ err: error }, 'sandbox simulator failed'),
        isGatewayKey: config.apiKeys.length > 0 ? isGatewayKey(config.apiKeys) : undefined,
      })
    : undefined;
  // The contract guard compiles every provider spec's response validators once, here; the native
  // passthrough and the adapters' fetches (via the registry) both check every provider answer.
  const logger = options.logger ?? pino({ level: 'silent' });
  const events = options.events ?? createGatewayEvents();
  events.on('stateError', ({ store, failOpen, error }) => {
    logger.warn({ store, failOpen, err: { message: (error as Error).message } }, failOpen ? 'shared state unavailable; going on without it' : 'shared state unavailable');
  });
  const state = config.redis ? await createRedisState({ settings: config.redis, logger }) : createMemoryState({ maxCacheEntries: config.cache.maxEntries });
  const policies = options.policies === false ? new Map() : createProviderPolicies(providers, { deadlineMs: config.limits.queryDeadlineMs, events });
  // Each simulator's requests are counted under one fixed route label.
  const telemetry = createTelemetry({
    metrics: config.metrics,
    tracing: config.tracing,
    prefixes: Object.entries(sandboxPaths).map(([name, prefix]) => ({ prefix, label: `/sandbox/${name}/*` })),
  });
  const metrics = telemetry?.metrics;
  if (metrics) countGatewayEvents(events, metrics, providers.map((provider) => provider.id));
  // Injected fetches (tests) are used as given; otherwise providers are reached over pooled connections.
  const pooled = options.fetch ? undefined : createPooledFetch();
  const fetch = options.fetch ?? pooled?.fetch;
  const upstreams = createNativeUpstreams(providers, sandbox?.endpoints);
  const contractGuard = createContractGuard({ mode: config.contractGuard, specs: upstreams.map((upstream) => upstream.spec) });
  const native = createNativeRouter({
    upstreams, contractGuard, maxBodyBytes: config.limits.maxNativeBodyBytes, deadlineMs: config.limits.queryDeadlineMs, fetch, policies,
    instrument: telemetry?.upstream, onContractViolation: metrics && ((provider) => metrics.contractViolation(provider, 'native')),
  });
  const upstreamGuard = createUpstreamGuard({ guard: contractGuard, logger, onViolation: metrics && ((provider) => metrics.contractViolation(provider, 'unified')) });

  const service = createUsageService({
    providers: createProviders(providers, { limits: config.limits, sandbox: sandbox?.endpoints, fetch, contractGuard: upstreamGuard, policies, instrument: telemetry?.upstream }),
    limits: config.limits,
    now: options.now,
    state,
    cacheTtlSeconds: config.cache.ttlSeconds,
    breakerStatus: (id) => policies.get(id)?.breakerStatus(),
    events,
  });
  let stopping = false;
  metrics?.trackPendingTasks(() => service.pendingTasks());
  serve(createApp({
    service,
    maxBodyBytes: config.limits.maxBodyBytes,
    logger: options.logger,
    validateResponses: options.validateResponses,
    mounts: sandbox?.routers,
    apiKeys: config.apiKeys,
    native,
    web: {
      nativeSpecs: upstreams.map((upstream) => ({ id: upstream.id, type: upstream.type, spec: callerSpec(upstream) })),
      demoData: sandbox?.demo !== undefined,
    },
    rateLimit: config.rateLimit
      ? rateLimit({ requestsPerMinute: config.rateLimit.requestsPerMinute, store: state.rateLimits, byApiKey: config.apiKeys.length > 0, events })
      : undefined,
    readiness: async () => {
      if (stopping) return { ready: false, reason: 'shutting down' };
      if (!(await state.ready())) return { ready: false, reason: 'shared state (redis) unreachable' };
      return { ready: true };
    },
    telemetry,
    publicMetrics: config.metrics.public,
  }));
  return {
    url,
    providers,
    sandbox,
    server,
    state,
    events,
    telemetry,
    close: async (closeOptions = {}) => {
      stopping = true;
      await stopServer(server, closeOptions.graceMs ?? config.shutdownGraceMs);
      await state.close();
      await pooled?.close();
      await telemetry?.shutdown();
    },
  };
}
