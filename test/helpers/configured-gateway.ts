/** A whole gateway on a loopback port from a configuration object (written to a temporary file). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startGateway, type Gateway } from '../../src/gateway';

const directory = mkdtempSync(path.join(tmpdir(), 'usage-gateway-configured-'));
let written = 0;

export function writeConfigFile(config: object): string {
  written += 1;
  const file = path.join(directory, `config-${written}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

export async function startConfiguredGateway(config: object): Promise<Gateway> {
  const loaded = loadConfig({ PORT: '0', USAGE_GATEWAY_CONFIG: writeConfigFile(config) });
  return startGateway({ config: loaded, validateResponses: true });
}

/** A live Flexprice provider at `baseUrl` with fast retries, for fault-injection tests. */
export function flexpriceAt(id: string, baseUrl: string, extra: object = {}): object {
  return { id, type: 'flexprice', baseUrl, apiKey: 'fp-secret-key-123', timeoutMs: 200, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, ...extra };
}

/** A usage query for a Flexprice provider; `customer` varies it so queries do not share a flight. */
export function flexpriceQuery(provider: string, customer = 'acme'): object {
  return { provider, metric: 'api_request', customers: [customer], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
}

export const usageAnswer = { value: 5, event_name: 'api_request', type: 'COUNT' };
