/**
 * The sandbox: one simulator of each provider type, served over HTTP by the gateway process, with
 * fixed sandbox credentials and, unless turned off, the demo data set.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Router } from 'express';
import type { SandboxSettings } from '../config';
import type { SandboxEndpoints } from '../providers/registry';
import { demoAttempts, demoCustomers, demoEvents, demoMetrics, demoPeriod } from './demo-data';
import { createSandboxKeyExchange, privateSandboxCredentials, type SandboxCredentials } from './key-exchange';
import { createFlexpriceSimulator, type FlexpriceSimulator } from './flexprice/simulator';
import { createSequenceSimulator, type SequenceSimulator } from './sequence/simulator';
import { createSvixSimulator, type SvixSimulator } from './svix/simulator';

export const sandboxPaths = {
  flexprice: '/sandbox/flexprice/v1',
  sequence: '/sandbox/sequence/api',
  svix: '/sandbox/svix',
} as const;

export interface SandboxOptions {
  /** Where this process listens, e.g. `http://127.0.0.1:8080`: the adapters call it. */
  origin: string;
  settings: SandboxSettings;
  now?: () => number;
  /** Check every simulator response against its provider spec (tests). */
  validateResponses?: boolean;
  onError?: (error: unknown, req: Request) => void;
  /**
   * Set when the gateway has API keys: the simulators then accept only credentials made at
   * startup, and a gateway key in their place (key-exchange.ts). Unset: the public credentials.
   */
  isGatewayKey?: ((headers: IncomingHttpHeaders) => boolean) | undefined;
}

export interface Sandbox {
  routers: Router[];
  endpoints: SandboxEndpoints;
  simulators: { flexprice: FlexpriceSimulator; sequence: SequenceSimulator; svix: SvixSimulator };
  /** Present when the demo data set was loaded. */
  demo: { curlExamples(url: string, keyVariable?: string): string[] } | undefined;
}

/**
 * The credentials the simulators accept when the gateway has no API keys (and so listens on
 * loopback only). They are fixed and public on purpose: the sandbox holds demo data, and users
 * point their own ingest code and provider SDKs at it.
 */
export const sandboxCredentials: SandboxCredentials = {
  apiKey: 'sandbox-flexprice-key',
  clientId: 'sandbox-sequence-client',
  clientSecret: 'sandbox-sequence-secret',
  token: 'sandbox-svix-token',
};

/** Loads the demo data into the simulators through their validated ingest code. */
export function loadDemoData(simulators: Sandbox['simulators']): void {
  const events = demoEvents();
  simulators.flexprice.ingest(events.map((event) => ({
    event_id: event.id, event_name: event.name, external_customer_id: event.customer, timestamp: event.timestamp, properties: event.properties,
  })));
  for (const { id, ...metric } of demoMetrics) {
    simulators.sequence.addMetric({ ...metric, metricType: 'SIMPLE' }, { id });
  }
  simulators.sequence.addEvents(events.map((event) => ({
    customerEventId: event.id, customerAlias: event.customer, eventType: event.name, eventTimestamp: event.timestamp, eventProperties: event.properties,
  })));
  for (const uid of demoCustomers) simulators.svix.createApp({ uid });
  simulators.svix.recordAttempts({ attempts: demoAttempts() });
}

/**
 * Demo queries as curl commands. With `keyVariable` each sends the gateway key from that
 * environment variable (never the key itself), e.g. `-H "authorization: Bearer $USAGE_GATEWAY_KEY"`.
 */
function curlExamples(url: string, keyVariable?: string): string[] {
  const september = { from: demoPeriod.from, to: '2026-10-01T00:00:00Z' };
  const auth = keyVariable ? ` -H "authorization: Bearer $${keyVariable}"` : '';
  const call = (body: object) => `curl -s ${url}/v1/usage/query${auth} -H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
  return [
    call({ provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', customers: ['acme'], ...september, windowSize: 'WEEK' }),
    call({ provider: 'sequence', metric: 'active-users', customers: ['acme', 'globex'], ...september }),
    call({ provider: 'svix', metric: 'message_destinations', customers: ['acme', 'globex', 'initech'], ...september }),
  ];
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const now = options.now ?? Date.now;
  const { maxEvents, svixTaskDelayMs } = options.settings;
  const common = { maxEvents, now, validateResponses: options.validateResponses ?? false };
  const credentials = options.isGatewayKey ? privateSandboxCredentials() : sandboxCredentials;
  const simulators = {
    flexprice: createFlexpriceSimulator({ ...common, basePath: sandboxPaths.flexprice, apiKeys: [credentials.apiKey], onError: options.onError }),
    sequence: createSequenceSimulator({ ...common, basePath: sandboxPaths.sequence, credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret }, onError: options.onError }),
    svix: createSvixSimulator({ ...common, basePath: sandboxPaths.svix, tokens: [credentials.token], taskDelayMs: svixTaskDelayMs }),
  };
  if (options.settings.demoData) loadDemoData(simulators);
  const origin = options.origin.replace(/\/+$/, '');
  const exchange = options.isGatewayKey
    ? [createSandboxKeyExchange({ isGatewayKey: options.isGatewayKey, credentials, paths: sandboxPaths })]
    : [];
  return {
    routers: [...exchange, simulators.flexprice.router, simulators.sequence.router, simulators.svix.router],
    endpoints: {
      flexprice: { baseUrl: origin + sandboxPaths.flexprice, apiKey: credentials.apiKey },
      sequence: { baseUrl: origin + sandboxPaths.sequence, clientId: credentials.clientId, clientSecret: credentials.clientSecret },
      svix: { baseUrl: origin + sandboxPaths.svix, token: credentials.token },
    },
    simulators,
    demo: options.settings.demoData ? { curlExamples } : undefined,
  };
}
