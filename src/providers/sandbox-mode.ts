/**
 * Sandbox mode, resolved once for both the adapters (registry.ts) and the native passthrough
 * (native-registry.ts): a sandbox provider talks to the embedded simulator with its credentials.
 */
import type { ProviderConfig } from '../config';

/** Where the embedded simulators listen and the credentials they accept. */
export interface SandboxEndpoints {
  flexprice: { baseUrl: string; apiKey: string };
  sequence: { baseUrl: string; clientId: string; clientSecret: string };
  svix: { baseUrl: string; token: string };
}

/**
 * The config a provider is reached with: unchanged in live mode; in sandbox mode the simulator's
 * base URL and credentials replace the configured ones (their field names are the config's).
 */
export function resolveSandboxMode(config: ProviderConfig, sandbox: SandboxEndpoints | undefined): ProviderConfig {
  if (config.mode !== 'sandbox') return config;
  if (!sandbox) throw new Error(`provider ${config.id} is in sandbox mode but no sandbox is running`);
  switch (config.type) {
    case 'flexprice':
      return { ...config, ...sandbox.flexprice };
    case 'sequence':
      return { ...config, ...sandbox.sequence };
    case 'svix':
      return { ...config, ...sandbox.svix };
    default: {
      // Never print the config itself: it holds credentials.
      const unknown: never = config;
      throw new Error(`unknown provider type ${(unknown as { type: string }).type}`);
    }
  }
}
