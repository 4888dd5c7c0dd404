/**
 * The only module that knows the concrete adapters. A provider type in the spec without a factory
 * here does not compile.
 */
import type { Limits, ProviderConfig } from '../config';
import type { ProviderType } from '../usage/model';
import type { UsageProvider } from '../usage/usage-provider';
import { createFlexpriceAdapter } from './flexprice/adapter';
import { createSequenceAdapter } from './sequence/adapter';
import { createSvixAdapter } from './svix/adapter';
import type { Fetch } from './upstream';

/** Where the embedded simulators listen and the credentials they accept. */
export interface SandboxEndpoints {
  flexprice: { baseUrl: string; apiKey: string };
  sequence: { baseUrl: string; clientId: string; clientSecret: string };
  svix: { baseUrl: string; token: string };
}

export interface RegistryOptions {
  limits: Pick<Limits, 'maxUpstreamCalls' | 'upstreamConcurrency'>;
  /** Required when any provider is in sandbox mode. */
  sandbox?: SandboxEndpoints | undefined;
  fetch?: Fetch | undefined;
}

type ConfigOf<T extends ProviderType> = Extract<ProviderConfig, { type: T }>;
type Factory<T extends ProviderType> = (config: ConfigOf<T>, options: RegistryOptions) => UsageProvider;

function sandboxOf<T extends ProviderType>(config: ConfigOf<T>, options: RegistryOptions): SandboxEndpoints[T] | undefined {
  if (config.mode !== 'sandbox') return undefined;
  if (!options.sandbox) throw new Error(`provider ${config.id} is in sandbox mode but no sandbox is running`);
  return options.sandbox[config.type as T];
}

// Live credentials are guaranteed by config validation; sandbox ones come from the running sandbox.
const factories: { [T in ProviderType]: Factory<T> } = {
  flexprice: (config, options) => {
    const sandbox = sandboxOf(config, options);
    return createFlexpriceAdapter({
      id: config.id, mode: config.mode, timeoutMs: config.timeoutMs, limits: options.limits, fetch: options.fetch,
      baseUrl: sandbox?.baseUrl ?? config.baseUrl,
      apiKey: sandbox?.apiKey ?? config.apiKey ?? '',
    });
  },
  sequence: (config, options) => {
    const sandbox = sandboxOf(config, options);
    return createSequenceAdapter({
      id: config.id, mode: config.mode, timeoutMs: config.timeoutMs, limits: options.limits, fetch: options.fetch,
      baseUrl: sandbox?.baseUrl ?? config.baseUrl,
      clientId: sandbox?.clientId ?? config.clientId ?? '',
      clientSecret: sandbox?.clientSecret ?? config.clientSecret ?? '',
    });
  },
  svix: (config, options) => {
    const sandbox = sandboxOf(config, options);
    return createSvixAdapter({
      id: config.id, mode: config.mode, timeoutMs: config.timeoutMs, limits: options.limits, fetch: options.fetch,
      baseUrl: sandbox?.baseUrl ?? config.baseUrl,
      token: sandbox?.token ?? config.token ?? '',
    });
  },
};

function createProvider(config: ProviderConfig, options: RegistryOptions): UsageProvider {
  switch (config.type) {
    case 'flexprice':
      return factories.flexprice(config, options);
    case 'sequence':
      return factories.sequence(config, options);
    case 'svix':
      return factories.svix(config, options);
    default: {
      const unknown: never = config;
      throw new Error(`unknown provider type in ${JSON.stringify(unknown)}`);
    }
  }
}

/** Builds one adapter per configured provider. */
export function createProviders(configs: readonly ProviderConfig[], options: RegistryOptions): UsageProvider[] {
  return configs.map((config) => createProvider(config, options));
}
