/**
 * `npm run bench:policies`: what the resilience layer adds to a happy-path unified query, and
 * what the response cache gives back. Side by side in one run:
 *   - in process, no HTTP: one upstream call through the policy fetch against the same call
 *     without it (the layer's own cost per call, in µs);
 *   - over HTTP with autocannon against one bare loopback upstream answering Flexprice usage
 *     calls: the upstream called directly (the floor), the gateway with its policies bypassed and
 *     with them on (cache off, a distinct query per request so nothing is coalesced), each at one
 *     connection (latency) and 50 (throughput), alternated twice;
 *   - the gateway answering one query from its cache (hits) against misses.
 * Prints figures and ratios; asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startGateway, type Gateway } from '../src/gateway';
import { defaultPolicySettings } from '../src/config';
import { createProviderPolicy } from '../src/policies/provider-policy';
import { runWithDeadline, startDeadline } from '../src/policies/deadline';
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

/** µs per call of `call`, over `count` sequential calls. */
async function perCall(count: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await call();
  return ((performance.now() - started) * 1000) / count;
}

/** The policy fetch around an upstream that answers at once, against that upstream alone. */
async function inProcess(): Promise<void> {
  const upstream = async () => new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } });
  const policy = createProviderPolicy({ settings: { id: 'fp', timeoutMs: 10_000, ...defaultPolicySettings }, deadlineMs: 15_000 });
  const wrapped = policy.wrap(upstream, { retryAnyMethod: true });
  const init = { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } };
  const deadline = () => startDeadline(15_000);
  const bare = () => upstream();
  const guarded = () => { const started = deadline(); return runWithDeadline(started, () => wrapped('http://upstream.invalid/v1/events/usage', { ...init, signal: started.signal })); };
  const rows: [string, number][] = [];
  for (let round = 0; round < 3; round += 1) {
    rows.push(['bare', await perCall(20_000, bare)], ['policies', await perCall(20_000, guarded)]);
  }
  const best = (name: string) => Math.min(...rows.filter(([label]) => label === name).map(([, us]) => us));
  console.log(`in process: upstream call alone ${best('bare').toFixed(1)} µs, through the policies (deadline, retry, breaker, bulkhead) ${best('policies').toFixed(1)} µs: the layer adds ${(best('policies') - best('bare')).toFixed(1)} µs per call`);
}

async function run(title: string, url: string, body: (counter: number) => string, connections = CONNECTIONS): Promise<number> {
  let counter = 0;
  const result = await autocannon({
    url, method: 'POST', connections, duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body(counter++) }) }],
  });
  const rps = result.requests.average;
  console.log(`${title.padEnd(52)} ${rps.toFixed(0).padStart(7)} req/s  mean ${result.latency.mean.toFixed(2)} ms  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (${result.non2xx} non-2xx, ${result.errors} errors)`);
  // At one connection requests are sequential: the time per request is 1 / throughput (autocannon's
  // latency figures are whole milliseconds).
  return connections === 1 ? 1000 / rps : rps;
}

async function main(): Promise<void> {
  console.log(`usage-gateway policy benchmark: node ${process.version}, ${DURATION_S} s per row`);
  await inProcess();
  const upstream = await startUpstream();
  const direct = await run('upstream called directly, 50 connections', `${upstream.url}/events/usage`, () => '{}');

  const bare = await gatewayAt(upstream.url, { policies: false, ttlSeconds: 0 });
  const guarded = await gatewayAt(upstream.url, { policies: true, ttlSeconds: 0 });
  const figures = { bypassedMs: [] as number[], policiesMs: [] as number[], bypassedRps: [] as number[], policiesRps: [] as number[] };
  // Alternated, and in the other order in the second round, so warm-up and machine drift favour neither.
  const measureBypassed = async (round: number) => {
    figures.bypassedMs.push(await run('gateway, policies bypassed, 1 connection', `${bare.url}/v1/usage/query`, (counter) => query(`a${round}-${counter}`), 1));
    figures.bypassedRps.push(await run('gateway, policies bypassed, 50 connections', `${bare.url}/v1/usage/query`, (counter) => query(`c${round}-${counter}`)));
  };
  const measurePolicies = async (round: number) => {
    figures.policiesMs.push(await run('gateway, policies on, 1 connection', `${guarded.url}/v1/usage/query`, (counter) => query(`b${round}-${counter}`), 1));
    figures.policiesRps.push(await run('gateway, policies on, 50 connections', `${guarded.url}/v1/usage/query`, (counter) => query(`d${round}-${counter}`)));
  };
  await measureBypassed(0);
  await measurePolicies(0);
  await measurePolicies(1);
  await measureBypassed(1);
  await Promise.all([bare.close({ graceMs: 0 }), guarded.close({ graceMs: 0 })]);

  const cached = await gatewayAt(upstream.url, { policies: true, ttlSeconds: 300 });
  await fetch(`${cached.url}/v1/usage/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query('hot') });
  const hits = await run('gateway, cache hits (one query, cached)', `${cached.url}/v1/usage/query`, () => query('hot'));
  const misses = await run('gateway, cache misses (a new query each time)', `${cached.url}/v1/usage/query`, (counter) => query(`m${counter}`));
  await cached.close({ graceMs: 0 });
  upstream.close();

  const best = (values: number[], pick: (...numbers: number[]) => number) => pick(...values);
  const bypassedMs = best(figures.bypassedMs, Math.min);
  const policiesMs = best(figures.policiesMs, Math.min);
  const bypassedRps = best(figures.bypassedRps, Math.max);
  const policiesRps = best(figures.policiesRps, Math.max);
  console.log('');
  console.log(`time per request at 1 connection, best of 2: bypassed ${bypassedMs.toFixed(2)} ms, policies on ${policiesMs.toFixed(2)} ms (${(policiesMs - bypassedMs).toFixed(2)} ms, ratio ${(policiesMs / bypassedMs).toFixed(2)})`);
  console.log(`throughput at 50 connections, best of 2: bypassed ${bypassedRps.toFixed(0)} req/s, policies on ${policiesRps.toFixed(0)} req/s (ratio ${(policiesRps / bypassedRps).toFixed(2)})`);
  console.log(`gateway (policies on) / direct upstream throughput: ${(policiesRps / direct).toFixed(3)}`);
  console.log(`cache hits / misses throughput: ${(hits / misses).toFixed(2)}x`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
