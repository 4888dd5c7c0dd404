/**
 * The providers as the native passthrough (`/v1/native/{providerId}/...`) sees them: which spec
 * their requests are checked against, where they are forwarded, and with which of the gateway's
 * credentials. Sandbox mode is resolved exactly as for the adapters (sandbox-mode.ts).
 */
import type { ProviderConfig } from '../config';
import type { SpecName } from '../specs';
import type { ProviderType } from '../usage/model';
import { flexpriceNative } from './flexprice/native';
import { resolveSandboxMode, type SandboxEndpoints } from './sandbox-mode';
import { sequenceNative } from './sequence/native';
import { svixNative } from './svix/native';

/** The spec of a provider type (`specs/<type>.yaml`). */
export type ProviderSpecName = Exclude<SpecName, 'usage-api'>;

/** What each provider folder's `native.ts` knows about reaching its provider. */
export interface NativeConnection {
  spec: ProviderSpecName;
  /** The provider's API root, e.g. `https://us.api.flexprice.io/v1`. */
  baseUrl: string;
  /** The gateway's credentials for this provider: they replace whatever the caller sent. */
  credentials: Readonly<Record<string, string>>;
  /** Headers the adapter always sends, added where the caller sent none (Sequence's API version). */
  defaultHeaders: Readonly<Record<string, string>>;
  /** Values a caller must never see: credentials and the tokens made from them. */
  secrets: readonly string[];
}

/** One configured provider, ready to forward to. */
export interface NativeUpstream extends NativeConnection {
  /** The configured id, the `{providerId}` in `/v1/native/{providerId}/...`. */
  id: string;
  type: ProviderType;
  timeoutMs: number;
}

/** The connection of a provider whose sandbox mode is already resolved. */
function connectionOf(config: ProviderConfig): NativeConnection {
  // Live credentials are guaranteed by config validation; sandbox ones come from the running sandbox.
  switch (config.type) {
    case 'flexprice':
      return flexpriceNative({ baseUrl: config.baseUrl, apiKey: config.apiKey ?? '' });
    case 'sequence':
      return sequenceNative({ baseUrl: config.baseUrl, clientId: config.clientId ?? '', clientSecret: config.clientSecret ?? '' });
    case 'svix':
      return svixNative({ baseUrl: config.baseUrl, token: config.token ?? '' });
    default: {
      const unknown: never = config;
      throw new Error(`unknown provider type ${(unknown as { type: string }).type}`);
    }
  }
}

/** The native upstream of one provider config whose sandbox mode `resolveSandboxMode` resolved. */
export function nativeUpstreamOf(resolved: ProviderConfig): NativeUpstream {
  const connection = connectionOf(resolved);
  return {
    ...connection,
    id: resolved.id,
    type: resolved.type,
    timeoutMs: resolved.timeoutMs,
    // The passthrough appends the caller's path to the base URL, which must not end in a slash.
    baseUrl: connection.baseUrl.replace(/\/+$/, ''),
    // An empty secret would "occur" everywhere: only real values are redacted.
    secrets: connection.secrets.filter((secret) => secret !== ''),
  };
}

/** One native upstream per configured provider, in configuration order. */
export function createNativeUpstreams(configs: readonly ProviderConfig[], sandbox: SandboxEndpoints | undefined): NativeUpstream[] {
  return configs.map((config) => nativeUpstreamOf(resolveSandboxMode(config, sandbox)));
}
