/**
 * `npm run sandbox:load -- FILE [--url http://127.0.0.1:8080]`: loads an NDJSON file into a running
 * gateway's sandbox (line format: src/sandbox/ndjson-loader.ts).
 */
import { readFile } from 'node:fs/promises';
import { LoadError, loadIntoSandbox, parseNdjson } from '../src/sandbox/ndjson-loader';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const urlIndex = args.indexOf('--url');
  const url = urlIndex >= 0 ? args[urlIndex + 1] : 'http://127.0.0.1:8080';
  const file = args.find((arg, index) => !arg.startsWith('--') && index !== urlIndex + 1);
  if (!file || !url) {
    console.error('usage: npm run sandbox:load -- FILE [--url http://127.0.0.1:8080]');
    process.exit(2);
  }
  const started = performance.now();
  const lines = parseNdjson(await readFile(file, 'utf8'));
  const loaded = await loadIntoSandbox(lines, url);
  console.log(`loaded ${loaded.flexprice} Flexprice events, ${loaded.sequence} Sequence events and ${loaded.svix} Svix attempt records into ${url} in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof LoadError ? `sandbox:load: ${error.message}` : error);
  process.exit(1);
});
