/**
 * `npm run bench:gateway`: what the gateway adds, measured side by side in one run. Each target
 * runs in its own process (bench/targets/): a bare upstream answering Flexprice's
 * `POST /v1/events/usage`, a bare Express 5 JSON echo, and the gateway in live mode in front of
 * that upstream, run from the compiled build as `npm start` runs it (bench/targets/build.ts; the
 * npm script builds it first). Each is loaded in turn for BENCH_SECONDS (default 10) at 50
 * connections with autocannon, then timed one request at a time (BENCH_SAMPLES, default 2,000)
 * with a nanosecond clock. Prints req/s, p50/p99, each target's processor time per request under
 * load, the latency each adds to a direct upstream call, and the ratios with their goals.
 * BENCH_SOAK_SECONDS (e.g. 60) adds a run that watches the gateway's resident memory.
 * BENCH_PROFILE_DIR writes a V8 CPU profile of the gateway process there.
 *
 * The goals are ratios to the bare echo. The same echo is also served by the gateway's own server
 * (src/http/app-server.ts), which spares it Express's prototype change; the gateway's throughput
 * against that one is printed beside them, not as a goal: it is what the gateway adds over the
 * fastest way to serve an Express app. Asserts nothing.
 *
 * The gateway keeps its response cache on (the default, 30 s). The uncached unified target asks for
 * a customer never asked for before on every request (one counter across the whole run), so it is
 * never answered from the cache; the cached target asks the same question every time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { TargetMessage } from './targets/serve';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const samples = Number(process.env.BENCH_SAMPLES ?? 2_000);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 0);
const profileDir = process.env.BENCH_PROFILE_DIR;
const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };

interface Target {
  url: string;
  child: ChildProcess;
  rss(): Promise<number>;
  /** Processor time (user + system) the target used so far, in microseconds. */
  cpu(): Promise<number>;
}

function startTarget(name: string, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Target> {
  const child = fork(path.join(__dirname, 'targets', `${name}.ts`), {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (question: 'memory' | 'cpu') => new Promise<number>((resolve) => {
    const listener = (message: TargetMessage) => {
      if (message.kind === 'ready' || message.kind !== question) return;
      child.off('message', listener);
      resolve(message.kind === 'memory' ? message.rss : message.micros);
    };
    child.on('message', listener);
    child.send(question);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    child.on('message', (message: TargetMessage) => {
      if (message.kind === 'ready') resolve({ url: message.url, child, rss: () => ask('memory'), cpu: () => ask('cpu') });
    });
  });
}

/** One kind of request: where it goes and the body of request number `index`. */
interface Shape {
  path: string;
  headers: Record<string, string>;
  body(index: number): string;
}

// Request numbers are unique across the whole run, so no customer is asked for twice.
let requestCount = 0;
const nextIndex = () => requestCount++;

const json = { 'content-type': 'application/json' };
const shapes = {
  direct: { path: '/v1/events/usage', headers: json, body: (index: number) => JSON.stringify({ event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: `customer-${index}`, start_time: period.from, end_time: period.to }) },
  native: { path: '/v1/native/flexprice/events/usage', headers: json, body: (index: number) => JSON.stringify({ event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: `customer-${index}`, start_time: period.from, end_time: period.to }) },
  unified: { path: '/v1/usage/query', headers: json, body: (index: number) => JSON.stringify({ provider: 'flexprice', metric: 'api_request', customers: [`customer-${index}`], ...period }) },
  unifiedSame: { path: '/v1/usage/query', headers: json, body: () => JSON.stringify({ provider: 'flexprice', metric: 'api_request', customers: ['customer-cached'], ...period }) },
} satisfies Record<string, Shape>;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

async function load(url: string, shape: Shape, duration: number): Promise<Load> {
  const result = await autocannon({
    url: url + shape.path,
    method: 'POST',
    headers: shape.headers,
    connections: 50,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, body: shape.body(nextIndex()) }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, requests: result.requests.total };
}

/** One request at a time over one kept-alive connection; latencies in milliseconds, sorted. */
async function sequential(url: string, shape: Shape, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  const once = () => new Promise<number>((resolve, reject) => {
    const body = shape.body(nextIndex());
    const started = process.hrtime.bigint();
    const outgoing = request({ hostname, port, path: shape.path, method: 'POST', agent, headers: { ...shape.headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${shape.path} answered ${response.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  for (let index = 0; index < 200; index += 1) await once();
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) times.push(await once());
  agent.destroy();
  return times.sort((left, right) => left - right);
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Row {
  name: string;
  load: Load;
  single: number[];
  /** The target's processor time per request under load, in microseconds: steadier than req/s on a shared machine. */
  cpuPerRequest: number;
}

async function measure(name: string, target: Target, shape: Shape): Promise<Row> {
  const single = await sequential(target.url, shape, samples);
  const before = await target.cpu();
  const loaded = await load(target.url, shape, seconds);
  const cpuPerRequest = ((await target.cpu()) - before) / loaded.requests;
  return { name, load: loaded, single, cpuPerRequest };
}

function verdict(value: number, goal: number, atLeast: boolean): string {
  return (atLeast ? value >= goal : value <= goal) ? 'met' : 'NOT met';
}

async function main(): Promise<void> {
  console.log(`usage-gateway gateway benchmark: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${seconds} s at 50 connections and ${samples} sequential requests per target`);
  const upstream = await startTarget('upstream');
  const echo = await startTarget('echo');
  const appServerEcho = await startTarget('echo', { BENCH_ECHO_APP_SERVER: '1' });
  // The gateway's flags as `npm start` gives them.
  const gateway = await startTarget('gateway', { BENCH_UPSTREAM: upstream.url }, ['--enable-source-maps', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]);
  // Warm every path before measuring.
  for (const [url, shape] of [[upstream.url, shapes.direct], [gateway.url, shapes.native], [gateway.url, shapes.unified]] as const) await load(url, shape, 2);

  const rows = [
    await measure('upstream, direct', upstream, shapes.direct),
    await measure('Express JSON echo', echo, shapes.unified),
    await measure('echo, gateway\'s server', appServerEcho, shapes.unified),
    await measure('gateway: native passthrough', gateway, shapes.native),
    await measure('gateway: unified query', gateway, shapes.unified),
    await measure('gateway: unified, cached', gateway, shapes.unifiedSame),
  ];
  const [direct, bareEcho, tunedEcho, native, unified, cached] = rows as [Row, Row, Row, Row, Row, Row];
  const directP50 = quantile(direct.single, 0.5);

  console.log('');
  console.log(`${'target'.padEnd(30)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'errors'.padStart(7)} ${'CPU/req'.padStart(9)}   one at a time: ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'added p50'.padStart(10)}`);
  for (const row of rows) {
    const p50 = quantile(row.single, 0.5);
    const added = row === direct || row === bareEcho || row === tunedEcho ? '' : `${(p50 - directP50).toFixed(3)} ms`;
    console.log(`${row.name.padEnd(30)} ${row.load.rps.toFixed(0).padStart(8)} ${`${row.load.p50}`.padStart(4)} ms ${`${row.load.p99}`.padStart(4)} ms ${`${row.load.errors}`.padStart(7)} ${`${row.cpuPerRequest.toFixed(0)} µs`.padStart(9)}   ${p50.toFixed(3).padStart(10)} ms ${quantile(row.single, 0.99).toFixed(3).padStart(7)} ms ${added.padStart(10)}`);
  }

  const goals: [string, number, number, boolean, string][] = [
    ['native passthrough / echo throughput', native.load.rps / bareEcho.load.rps, 0.6, true, 'x'],
    ['native passthrough added p50', quantile(native.single, 0.5) - directP50, 0.4, false, 'ms'],
    ['unified query / echo throughput', unified.load.rps / bareEcho.load.rps, 0.4, true, 'x'],
    ['unified query added p50', quantile(unified.single, 0.5) - directP50, 0.6, false, 'ms'],
    ['unified cached / echo throughput', cached.load.rps / bareEcho.load.rps, 0.6, true, 'x'],
    ['errors under load (all targets)', rows.reduce((total, row) => total + row.load.errors, 0), 0, false, ''],
  ];
  console.log(`${'CPU per request, gateway / echo'.padEnd(40)} native ${(native.cpuPerRequest / bareEcho.cpuPerRequest).toFixed(2)}x, unified ${(unified.cpuPerRequest / bareEcho.cpuPerRequest).toFixed(2)}x, cached ${(cached.cpuPerRequest / bareEcho.cpuPerRequest).toFixed(2)}x`);
  // Not a goal: the same echo served the way the gateway serves its app, for what the gateway adds over it.
  console.log(`${'throughput / the echo on the gateway\'s server'.padEnd(40)} native ${(native.load.rps / tunedEcho.load.rps).toFixed(2)}x, unified ${(unified.load.rps / tunedEcho.load.rps).toFixed(2)}x, cached ${(cached.load.rps / tunedEcho.load.rps).toFixed(2)}x (not a goal)`);
  console.log('');
  for (const [label, value, goal, atLeast, unit] of goals) {
    console.log(`${label.padEnd(40)} ${value.toFixed(unit === '' ? 0 : 2).padStart(8)} ${unit.padEnd(3)} goal ${atLeast ? '>=' : '<='} ${goal} ${unit.padEnd(3)} ${verdict(value, goal, atLeast)}`);
  }

  if (soakSeconds > 0) {
    const rss: number[] = [];
    const watch = setInterval(() => void gateway.rss().then((value) => rss.push(value)), 5_000);
    const soak = await load(gateway.url, shapes.unified, soakSeconds);
    clearInterval(watch);
    // Growth is measured from the first sample after warm-up (the second) to the last.
    const warm = rss[1] ?? rss[0] ?? NaN;
    const last = rss[rss.length - 1] ?? NaN;
    console.log('');
    console.log(`soak: unified query for ${soakSeconds} s, ${soak.rps.toFixed(0)} req/s, ${soak.errors} errors; RSS ${(warm / 2 ** 20).toFixed(0)} MiB after warm-up, ${(last / 2 ** 20).toFixed(0)} MiB at the end: ${(((last - warm) / warm) * 100).toFixed(1)}% growth (goal < 20%)`);
  }
  for (const target of [gateway, appServerEcho, echo, upstream]) {
    target.child.removeAllListeners('exit');
    // Disconnecting lets a target exit on its own (serve.ts), writing its CPU profile if asked to.
    target.child.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
