/**
 * `npm run bench:telemetry`: what metrics and tracing cost on the hot path. A unified Flexprice
 * query (gateway → adapter → HTTP → simulator, both hops observed) and a listing without provider
 * call, against gateways that differ only in telemetry, measured after a warm-up in alternating rounds with autocannon. Prints req/s, the process CPU time per
 * request (gateway, simulator and load generator share this process; CPU time is steadier than
 * throughput on a busy machine), latency, and each figure's ratio to the gateway without telemetry.
 * Asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../src/config';
import { startGateway, type Gateway } from '../src/gateway';
import { createLogger } from '../src/telemetry/logger';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const query = { provider: 'flexprice', metric: 'api_request', customers: ['acme'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const sampledParent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

interface Variant {
  name: string;
  configure(config: Config, collector: string): void;
  headers?: Record<string, string>;
}

const variants: Variant[] = [
  { name: 'telemetry off', configure(config) {
    config.metrics = { enabled: false, public: false };
    config.tracing = { ...config.tracing, enabled: false, tracesUrl: undefined };
  } },
  { name: 'metrics + trace ids (default, no collector)', configure() {} },
  { name: 'metrics + spans exported over OTLP', configure(config, collector) {
    config.tracing = { ...config.tracing, tracesUrl: `${collector}/v1/traces` };
  } },
  { name: 'no collector, caller sent a sampled traceparent', configure() {}, headers: { traceparent: sampledParent } },
];

/** A collector stand-in that accepts and discards every export. */
async function startSink(): Promise<{ url: string; close(): void; posts: () => number }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close(), posts: () => posts };
}

/** The two requests measured: a unified query (two observed hops), and a listing with no provider call. */
const targets = [
  { title: 'POST /v1/usage/query (Flexprice, one provider call)', path: '/v1/usage/query', method: 'POST' as const, body: JSON.stringify(query) },
  { title: 'GET /v1/providers (no provider call)', path: '/v1/providers', method: 'GET' as const, body: undefined },
];
type Target = (typeof targets)[number];

async function run(gateway: Gateway, target: Target, headers: Record<string, string>, seconds = SECONDS): Promise<autocannon.Result> {
  return autocannon({
    url: `${gateway.url}${target.path}`, method: target.method, headers: { 'content-type': 'application/json', ...headers },
    body: target.body, connections: CONNECTIONS, duration: seconds,
  });
}

async function measure(target: Target, gateways: Gateway[]): Promise<void> {
  // Warm-up (JIT, connection pools, the simulator's caches), not counted.
  for (const [index, variant] of variants.entries()) await run(gateways[index] as Gateway, target, variant.headers ?? {}, 2);
  const totals = variants.map(() => ({ requests: 0, seconds: 0, cpuMicros: 0, p50: [] as number[], p99: [] as number[], errors: 0 }));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, variant] of variants.entries()) {
      const cpu = process.cpuUsage();
      const result = await run(gateways[index] as Gateway, target, variant.headers ?? {});
      const used = process.cpuUsage(cpu);
      const total = totals[index] as (typeof totals)[number];
      total.cpuMicros += used.user + used.system;
      total.requests += result.requests.total;
      total.seconds += result.duration;
      total.p50.push(result.latency.p50);
      total.p99.push(result.latency.p99);
      total.errors += result.non2xx + result.errors;
    }
  }
  const baseline = (totals[0]?.requests ?? 0) / (totals[0]?.seconds ?? 1);
  const baselineCpu = (totals[0]?.cpuMicros ?? 0) / (totals[0]?.requests ?? 1);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(`\n${target.title}\n${'variant'.padEnd(56)} ${'req/s'.padStart(7)}  ${'ratio'.padStart(5)}  ${'CPU µs/req'.padStart(10)}  ${'ratio'.padStart(5)}  p50 ms  p99 ms  errors`);
  for (const [index, variant] of variants.entries()) {
    const total = totals[index] as (typeof totals)[number];
    const rate = total.requests / total.seconds;
    const cpu = total.cpuMicros / total.requests;
    console.log(`${variant.name.padEnd(56)} ${rate.toFixed(0).padStart(7)}  ${(rate / baseline).toFixed(2).padStart(5)}  ${cpu.toFixed(0).padStart(10)}  ${(cpu / baselineCpu).toFixed(2).padStart(5)}  ${String(median(total.p50)).padStart(6)}  ${String(median(total.p99)).padStart(6)}  ${total.errors}`);
  }
}

async function main(): Promise<void> {
  const sink = await startSink();
  const gateways: Gateway[] = [];
  for (const variant of variants) {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
    variant.configure(config, sink.url);
    // The production logger at info, writing nowhere: log lines cost what they cost in production.
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    gateways.push(await startGateway({ config, logger: createLogger({ level: 'info' }, discard) }));
  }
  console.log(`usage-gateway telemetry benchmark: ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} alternating rounds per variant, node ${process.version}`);
  for (const target of targets) await measure(target, gateways);
  for (const gateway of gateways) await gateway.close();
  console.log(`\nOTLP exports received by the collector stand-in: ${sink.posts()}`);
  sink.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
