/**
 * The only module that knows the concrete adapters. A provider type in the spec without a factory
 * here does not compile.
 */
import type { Limits, ProviderConfig } from '../config';
import type { UpstreamInstrumentation } from '../telemetry/upstream-fetch';
import type { ProviderType } from '../usage/model';
import type { UsageProvider } from '../usage/usage-provider';
import type { UpstreamGuard } from './contract-guard-fetch';
import { createFlexpriceAdapter } from './flexprice/adapter';
import { nativeUpstreamOf } from './native-registry';
import { resolveSandboxMode, type SandboxEndpoints } from './sandbox-mode';
import { createSequenceAdapter } from './sequence/adapter';
import { createSvixAdapter } from './svix/adapter';
import type { ProviderPolicy } from '../policies/provider-policy';
import { composeProviderFetch } from './provider-fetch';
import type { Fetch } from './upstream';

export type { SandboxEndpoints } from './sandbox-mode';

export interface RegistryOptions {
  limits: Pick<Limits, 'maxUpstreamCalls' | 'upstreamConcurrency'>;
  /** Required when any provider is in sandbox mode. */
  sandbox?: SandboxEndpoints | undefined;
  fetch?: Fetch | undefined;
  /** Checks every provider response against the provider's spec (src/providers/contract-guard.ts). */
  contractGuard?: UpstreamGuard | undefined;
  /** Retries, breaker and bulkhead per provider id (src/policies/); absent, each call is tried once. */
  policies?: ReadonlyMap<string, ProviderPolicy> | undefined;
  /** Counts, times and traces every provider call (src/telemetry/upstream-fetch.ts); closest to the network. */
  instrument?: UpstreamInstrumentation | undefined;
}

type ConfigOf<T extends ProviderType> = Extract<ProviderConfig, { type: T }>;
type Factory<T extends ProviderType> = (config: ConfigOf<T>, options: RegistryOptions) => UsageProvider;

// Factories get configs whose sandbox mode is resolved (sandbox-mode.ts, shared with the native
// passthrough). Live credentials are guaranteed by config validation; sandbox ones come from the sandbox.
const factories: { [T in ProviderType]: Factory<T> } = {
  flexprice: (config, options) => createFlexpriceAdapter({
    id: config.id, mode: config.mode, timeoutMs: config.timeoutMs, limits: options.limits, fetch: options.fetch,
    baseUrl: config.baseUrl,
    apiKey: config.apiKey ?? '',
  }),
  sequence: (config, options) => createSequenceAdapter({
    id: config.id, mode: config.mode, timeoutMs: config.timeoutMs, limits: options.limits, fetch: options.fetch,
    baseUrl: config.baseUrl,
    clientId: config.clientId ?? '',
    clientSecret: config.clientSecret ?? '',
  }),
  svix: (config, options) => createSvixAdapter({
    id: config.id, mode: config.mode, timeoutMs: config.timeoutMs, limits: options.limits, fetch: options.fetch,
    baseUrl: config.baseUrl,
    token: config.token ?? '',
  }),
};

function createAdapter(config: ProviderConfig, options: RegistryOptions): UsageProvider {
  switch (config.type) {
    case 'flexprice':
      return factories.flexprice(config, options);
    case 'sequence':
      return factories.sequence(config, options);
    case 'svix':
      return factories.svix(config, options);
    default: {
      const unknown: never = config;
      throw new Error(`unknown provider type ${(unknown as { type: string }).type}`);
    }
  }
}

function createProvider(config: ProviderConfig, options: RegistryOptions): UsageProvider {
  const resolved = resolveSandboxMode(config, options.sandbox);
  // Each adapter call reads (Flexprice's POST /events/usage is a query) or carries an idempotency
  // key (Svix stats), so the policy may retry any method.
  const fetch = composeProviderFetch({
    upstream: nativeUpstreamOf(resolved),
    fetch: options.fetch,
    instrument: options.instrument,
    guard: options.contractGuard,
    policy: options.policies?.get(resolved.id),
    retryAnyMethod: true,
  });
  return createAdapter(resolved, { ...options, fetch });
}

/** Builds one adapter per configured provider. */
export function createProviders(configs: readonly ProviderConfig[], options: RegistryOptions): UsageProvider[] {
  return configs.map((config) => createProvider(config, options));
}
