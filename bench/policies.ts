/**
 * `npm run bench:policies`: what the resilience layer adds to a happy-path unified query, and
 * what the response cache gives back. One bare loopback upstream answers Flexprice usage calls;
 * side by side in one run, with autocannon (50 connections, 4 s each):
 *   - the upstream called directly (the floor),
 *   - the gateway with its policies bypassed, and with them on (cache off, a distinct query per
 *     request so nothing is coalesced),
 *   - the gateway answering one query from its cache (hits) against the same misses.
 * Prints figures and ratios; asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startGateway, type Gateway } from '../src/gateway';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 50;
const answer = JSON.stringify({ value: 5, event_name: 'api_request', type: 'COUNT' });

function query(customer: string): string {
  return JSON.stringify({ provider: 'fp', metric: 'api_request', customers: [customer], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' });
}

async function startUpstream(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, close: () => server.close() };
}

async function gatewayAt(upstream: string, options: { policies: boolean; ttlSeconds: number }): Promise<Gateway> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-policies-')), 'config.json');
  writeFileSync(file, JSON.stringify({
    providers: [{ id: 'fp', type: 'flexprice', baseUrl: upstream, apiKey: 'bench-key' }],
    cache: { ttlSeconds: options.ttlSeconds },
    contractGuard: 'warn',
  }));
  const config = loadConfig({ PORT: '0', USAGE_GATEWAY_CONFIG: file });
  return startGateway({ config, logger: pino({ level: 'silent' }), policies: options.policies });
}

async function run(title: string, url: string, body: (counter: number) => string): Promise<number> {
  let counter = 0;
  const result = await autocannon({
    url, method: 'POST', connections: CONNECTIONS, duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body(counter++) }) }],
  });
  const rps = result.requests.average;
  console.log(`${title.padEnd(44)} ${rps.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (${result.non2xx} non-2xx, ${result.errors} errors)`);
  return rps;
}

async function main(): Promise<void> {
  const upstream = await startUpstream();
  console.log(`usage-gateway policy benchmark: node ${process.version}, ${CONNECTIONS} connections, ${DURATION_S} s per row`);
  const direct = await run('upstream called directly', `${upstream.url}/events/usage`, () => '{}');

  const bare = await gatewayAt(upstream.url, { policies: false, ttlSeconds: 0 });
  const bypassed = await run('gateway, policies bypassed (cache off)', `${bare.url}/v1/usage/query`, (counter) => query(`c${counter}`));
  await bare.close({ graceMs: 0 });

  const guarded = await gatewayAt(upstream.url, { policies: true, ttlSeconds: 0 });
  const withPolicies = await run('gateway, policies on (cache off)', `${guarded.url}/v1/usage/query`, (counter) => query(`c${counter}`));
  await guarded.close({ graceMs: 0 });

  const cached = await gatewayAt(upstream.url, { policies: true, ttlSeconds: 300 });
  await fetch(`${cached.url}/v1/usage/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query('hot') });
  const hits = await run('gateway, cache hits (one query, cached)', `${cached.url}/v1/usage/query`, () => query('hot'));
  const misses = await run('gateway, cache misses (a new query each time)', `${cached.url}/v1/usage/query`, (counter) => query(`m${counter}`));
  await cached.close({ graceMs: 0 });
  upstream.close();

  const perRequestUs = (1e6 / withPolicies - 1e6 / bypassed) * CONNECTIONS;
  console.log('');
  console.log(`policies on / bypassed: ${(withPolicies / bypassed).toFixed(2)}x throughput (about ${perRequestUs.toFixed(0)} µs more per request at ${CONNECTIONS} connections)`);
  console.log(`gateway (policies on) / direct upstream: ${(withPolicies / direct).toFixed(2)}x`);
  console.log(`cache hits / misses: ${(hits / misses).toFixed(2)}x throughput`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
