/**
 * startGateway: listen, start the sandbox when a provider needs it, build the providers and the
 * app. server.ts runs it for real; end-to-end tests run it on an ephemeral port.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { createApp } from './app';
import type { Config, ProviderConfig } from './config';
import { createNativeRouter } from './native/native-router';
import { createContractGuard } from './providers/contract-guard';
import { createUpstreamGuard } from './providers/contract-guard-fetch';
import { createNativeUpstreams } from './providers/native-registry';
import { createProviders } from './providers/registry';
import { currentRequestScope } from './providers/request-scope';
import type { Fetch } from './providers/upstream';
import { createSandbox, sandboxPaths, type Sandbox } from './sandbox';
import { createTelemetry, type Telemetry } from './telemetry/telemetry';
import { createUsageService } from './usage/service';

/** With no configuration file the gateway runs one sandbox provider of each type. */
export const defaultProviders: ProviderConfig[] = [
  { id: 'flexprice', type: 'flexprice', mode: 'sandbox', timeoutMs: 10_000 },
  { id: 'sequence', type: 'sequence', mode: 'sandbox', timeoutMs: 10_000 },
  { id: 'svix', type: 'svix', mode: 'sandbox', timeoutMs: 10_000 },
];

export interface GatewayOptions {
  config: Config;
  logger?: Logger;
  /** Validate every gateway and simulator response against its spec (tests). */
  validateResponses?: boolean;
  now?: () => number;
  fetch?: Fetch;
}

export interface Gateway {
  /** The origin to call, e.g. `http://127.0.0.1:8080`. */
  url: string;
  providers: ProviderConfig[];
  sandbox: Sandbox | undefined;
  server: Server;
  /** Metrics and tracing; absent when both are turned off. */
  telemetry: Telemetry | undefined;
  /** Stops listening and exports the spans still buffered. */
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const providers = config.configFile ? config.providers : defaultProviders;
  // The port is known only once listening (PORT=0), and sandbox adapters need it: hold requests
  // with a 503 until the app is built, a matter of milliseconds.
  let handler: RequestListener = (_req, res) => {
    res.writeHead(503, { 'retry-after': '1' }).end();
  };
  const server = createServer((req, res) => handler(req, res));
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
        onError: (error) => (currentRequestScope()?.logger ?? options.logger)?.error({ err: error }, 'sandbox simulator failed'),
      })
    : undefined;
  // The contract guard compiles every provider spec's response validators once, here; the native
  // passthrough and the adapters' fetches (via the registry) both check every provider answer.
  const logger = options.logger ?? pino({ level: 'silent' });
  // Each simulator's requests are counted under one fixed route label.
  const telemetry = createTelemetry({
    metrics: config.metrics,
    tracing: config.tracing,
    prefixes: Object.entries(sandboxPaths).map(([name, prefix]) => ({ prefix, label: `/sandbox/${name}/*` })),
  });
  const metrics = telemetry?.metrics;
  const upstreams = createNativeUpstreams(providers, sandbox?.endpoints);
  const contractGuard = createContractGuard({ mode: config.contractGuard, specs: upstreams.map((upstream) => upstream.spec) });
  const native = createNativeRouter({
    upstreams, contractGuard, maxBodyBytes: config.limits.maxBodyBytes, fetch: options.fetch,
    instrument: telemetry?.upstream, onContractViolation: metrics && ((provider) => metrics.contractViolation(provider, 'native')),
  });
  const upstreamGuard = createUpstreamGuard({ guard: contractGuard, logger, onViolation: metrics && ((provider) => metrics.contractViolation(provider, 'unified')) });

  const service = createUsageService({
    providers: createProviders(providers, { limits: config.limits, sandbox: sandbox?.endpoints, fetch: options.fetch, contractGuard: upstreamGuard, instrument: telemetry?.upstream }),
    limits: config.limits,
    now: options.now,
  });
  metrics?.trackPendingTasks(() => service.pendingTasks());
  handler = createApp({
    service,
    maxBodyBytes: config.limits.maxBodyBytes,
    logger: options.logger,
    validateResponses: options.validateResponses,
    mounts: sandbox?.routers,
    apiKeys: config.apiKeys,
    native,
    telemetry,
    publicMetrics: config.metrics.public,
  });
  return {
    url,
    providers,
    sandbox,
    server,
    telemetry,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await telemetry?.shutdown();
    },
  };
}
