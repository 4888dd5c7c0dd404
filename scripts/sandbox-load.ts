/**
 * `npm run sandbox:load -- FILE [--url http://127.0.0.1:8080] [--key KEY]`: loads an NDJSON file into
 * a running gateway's sandbox (line format: src/sandbox/ndjson-loader.ts). A gateway with `apiKeys`
 * needs one of them, as `--key` or in USAGE_GATEWAY_KEY.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { LoadError, loadIntoSandbox, parseNdjson } from '../src/sandbox/ndjson-loader';

const usage = 'usage: npm run sandbox:load -- FILE [--url http://127.0.0.1:8080] [--key KEY]';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { url: { type: 'string', default: 'http://127.0.0.1:8080' }, key: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error(usage);
    process.exit(2);
  }
  const url = values.url;
  const gatewayKey = values.key ?? (process.env.USAGE_GATEWAY_KEY || undefined);
  const started = performance.now();
  const lines = parseNdjson(await readFile(file, 'utf8'));
  const loaded = await loadIntoSandbox(lines, url, { gatewayKey });
  console.log(`loaded ${loaded.flexprice} Flexprice events, ${loaded.sequence} Sequence events and ${loaded.svix} Svix attempt records into ${url} in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof LoadError ? `sandbox:load: ${error.message}` : error);
  process.exit(1);
});
