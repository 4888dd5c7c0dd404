/**
 * What the gateway prints when it starts: where it listens, who may call it, its providers, and
 * demo queries that work as printed.
 */
import { isLoopback, type Config } from './config';
import type { Gateway } from './gateway';

/** The environment variable the printed commands read the gateway key from. */
const keyVariable = 'USAGE_GATEWAY_KEY';

export function banner(gateway: Pick<Gateway, 'url' | 'providers' | 'sandbox' | 'telemetry'>, config: Pick<Config, 'apiKeys' | 'host' | 'configFile'>): string {
  const lines = [`usage-gateway listening on ${gateway.url}`];
  const keyed = config.apiKeys.length > 0;
  if (!keyed) {
    lines.push(isLoopback(config.host)
      ? 'No apiKeys configured: /v1 is open, so the gateway listens on loopback only.'
      : `No apiKeys configured and allowUnauthenticated is set: /v1 is open to anyone who can reach ${config.host}.`);
  }
  lines.push(`providers: ${gateway.providers.map((provider) => `${provider.id} (${provider.type}, ${provider.mode})`).join(', ')}`);
  const metrics = gateway.telemetry?.metrics ? `   metrics: ${gateway.url}/metrics` : '';
  lines.push(`usage explorer: ${gateway.url}/   API reference: ${gateway.url}/docs${metrics}`);
  if (!config.configFile) lines.push('No USAGE_GATEWAY_CONFIG set: serving the embedded sandbox providers.');
  const examples = gateway.sandbox?.demo?.curlExamples(gateway.url, keyed ? keyVariable : undefined) ?? [];
  if (examples.length > 0) {
    lines.push('', keyed ? `Try the demo data (with ${keyVariable} set to one of your apiKeys):` : 'Try the demo data:');
    lines.push(...examples.map((example) => `  ${example}`));
  }
  return lines.join('\n');
}
