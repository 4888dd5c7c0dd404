import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
const which = process.argv[2] ?? 'unified';
const start = (name: string, env: Record<string, string> = {}, execArgv: string[] = []) => new Promise<{ url: string; child: ReturnType<typeof fork> }>((resolve) => {
  const child = fork(path.join(__dirname, 'targets', `${name}.ts`), { execArgv: ['--import', 'tsx', ...execArgv], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (m: { kind: string; url: string }) => { if (m.kind === 'ready') resolve({ url: m.url, child }); });
});
let n = 0;
const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const bodies: Record<string, () => string> = {
  unified: () => JSON.stringify({ provider: 'flexprice', metric: 'api_request', customers: [`c-${n++}`], ...period }),
  native: () => JSON.stringify({ event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: `c-${n++}`, start_time: period.from, end_time: period.to }),
};
const paths: Record<string, string> = { unified: '/v1/usage/query', native: '/v1/native/flexprice/events/usage' };
async function main() {
  const up = await start('upstream');
  const gw = await start('gateway', { BENCH_UPSTREAM: up.url }, process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : []);
  const run = (d: number) => autocannon({ url: gw.url + paths[which], method: 'POST', headers: { 'content-type': 'application/json' }, connections: 50, duration: d, requests: [{ setupRequest: (r) => ({ ...r, body: bodies[which]!() }) }] });
  const cpu = () => new Promise<number>((resolve) => { const l = (m: { kind: string; micros: number }) => { if (m.kind === 'cpu') { gw.child.off('message', l); resolve(m.micros); } }; gw.child.on('message', l); gw.child.send('cpu'); });
  await run(2);
  const before = await cpu();
  const r = await run(Number(process.env.S ?? 6));
  const used = (await cpu()) - before;
  console.log(which, r.requests.average, 'errors', r.errors + r.non2xx, 'cpu us/req', (used / r.requests.total).toFixed(0));
  up.child.disconnect(); gw.child.disconnect();
}
void main();
