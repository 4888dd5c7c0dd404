/**
 * The gateway in live mode in front of the bare upstream (BENCH_UPSTREAM), configured from
 * BENCH_GATEWAY_CONFIG (JSON merged into the configuration file), logging nothing: the compiled
 * build, as `npm start` runs it (./build.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type * as Config from '../../src/config';
import type * as Gateway from '../../src/gateway';
import { fromBuild } from './build';
import { serveTarget } from './serve';

const { loadConfig } = fromBuild<typeof Config>('config');
const { startGateway } = fromBuild<typeof Gateway>('gateway');

async function main(): Promise<void> {
  const upstream = process.env.BENCH_UPSTREAM;
  if (!upstream) throw new Error('BENCH_UPSTREAM is not set');
  const extra = JSON.parse(process.env.BENCH_GATEWAY_CONFIG ?? '{}') as object;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-gateway-')), 'config.json');
  writeFileSync(file, JSON.stringify({
    providers: [{ id: 'flexprice', type: 'flexprice', baseUrl: `${upstream}/v1`, apiKey: 'bench-flexprice-key' }],
    ...extra,
  }));
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', USAGE_GATEWAY_CONFIG: file });
  const gateway = await startGateway({ config, logger: pino({ level: 'silent' }) });
  serveTarget(gateway.url);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
