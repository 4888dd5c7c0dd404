/**
 * `npm run bench:sandbox`: loads 1,000,000 events into the sandbox simulators, then measures query
 * latency through the unified API (gateway → adapter → HTTP → simulator) for COUNT and SUM,
 * scalar and DAY-windowed, with autocannon. Prints figures; asserts nothing.
 */
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { startGateway } from '../src/gateway';
import { sandboxCredentials, sandboxPaths } from '../src/sandbox';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DAYS = 90;
const from = '2026-01-01T00:00:00Z';
const to = new Date(Date.parse(from) + DAYS * 86_400_000).toISOString().replace('.000Z', 'Z');
const customers = Array.from({ length: 20 }, (_v, index) => `customer-${index}`);

function flexpriceEvent(index: number) {
  return {
    event_id: `bench-${index}`,
    event_name: 'api_request',
    external_customer_id: customers[index % customers.length],
    timestamp: new Date(Date.parse(from) + Math.floor((index / EVENTS) * DAYS * 86_400_000)).toISOString(),
    properties: { bytes: (index * 7919) % 10_000, region: index % 3 === 0 ? 'eu' : 'us' },
  };
}

async function time<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

async function measure(url: string, title: string, body: object): Promise<void> {
  const first = await fetch(`${url}/v1/usage/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const report = (await first.json()) as { value?: number; windows?: unknown[] | null; code?: string };
  if (first.status !== 200) throw new Error(`${title}: ${first.status} ${JSON.stringify(report)}`);
  // `Cache-Control: no-cache` makes every request ask the provider again; then the same query from the cache.
  const run = (headers: Record<string, string>) => autocannon({
    url: `${url}/v1/usage/query`, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    connections: 1, amount: 20,
  });
  const result = await run({ 'cache-control': 'no-cache' });
  const cached = await run({});
  const windows = report.windows ? `, ${report.windows.length} windows` : '';
  console.log(`${title.padEnd(34)} p50 ${result.latency.p50} ms  p97.5 ${result.latency.p97_5} ms  max ${result.latency.max} ms  cached p50 ${cached.latency.p50} ms  (value ${report.value}${windows}; ${result.non2xx + cached.non2xx} errors)`);
}

async function main(): Promise<void> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
  config.sandbox = { ...config.sandbox, demoData: false, maxEvents: EVENTS * 2 };
  config.limits = { ...config.limits, maxUpstreamCalls: 200 };
  const gateway = await startGateway({ config, logger: pino({ level: 'silent' }) });
  const sandbox = gateway.sandbox;
  if (!sandbox) throw new Error('the sandbox did not start');
  console.log(`usage-gateway sandbox benchmark: ${EVENTS.toLocaleString('en')} events over ${DAYS} days, node ${process.version}`);

  sandbox.simulators.sequence.addMetric({ name: 'Requests', metricType: 'SIMPLE', eventType: 'api_request', aggregationType: 'COUNT' }, { id: 'requests' });
  sandbox.simulators.sequence.addMetric({ name: 'Bytes', metricType: 'SIMPLE', eventType: 'api_request', aggregationType: 'SUM', aggregationProperty: 'bytes' }, { id: 'bytes' });
  await time(`Sequence: load ${EVENTS.toLocaleString('en')} events in process (Sequence has no bulk ingest API)`, () => {
    for (let start = 0; start < EVENTS; start += 10_000) {
      sandbox.simulators.sequence.addEvents(Array.from({ length: Math.min(10_000, EVENTS - start) }, (_v, offset) => {
        const event = flexpriceEvent(start + offset);
        return { customerEventId: event.event_id, customerAlias: event.external_customer_id as string, eventType: event.event_name, eventTimestamp: event.timestamp, eventProperties: event.properties };
      }));
    }
  });

  await time(`Flexprice: load ${EVENTS.toLocaleString('en')} events through POST /events/bulk (1,000 per request)`, async () => {
    for (let start = 0; start < EVENTS; start += 1000) {
      const events = Array.from({ length: Math.min(1000, EVENTS - start) }, (_v, offset) => flexpriceEvent(start + offset));
      const response = await fetch(`${gateway.url}${sandboxPaths.flexprice}/events/bulk`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': sandboxCredentials.apiKey }, body: JSON.stringify({ events }),
      });
      if (response.status !== 202) throw new Error(`bulk ingest answered ${response.status}`);
    }
  });
  console.log('\nQuery latency through POST /v1/usage/query (20 sequential requests each, asking the provider every time, then 20 from the cache):');
  const period = { from, to };
  await measure(gateway.url, 'Flexprice COUNT, all customers', { provider: 'flexprice', metric: 'api_request', ...period });
  await measure(gateway.url, 'Flexprice SUM, all customers', { provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', ...period });
  await measure(gateway.url, 'Flexprice COUNT, DAY windows', { provider: 'flexprice', metric: 'api_request', ...period, windowSize: 'DAY' });
  await measure(gateway.url, 'Flexprice SUM, DAY windows', { provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', ...period, windowSize: 'DAY' });
  await measure(gateway.url, 'Flexprice SUM, one customer', { provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', customers: ['customer-3'], ...period });
  const all = { customers };
  await measure(gateway.url, 'Sequence COUNT, 20 customers', { provider: 'sequence', metric: 'requests', ...all, ...period });
  await measure(gateway.url, 'Sequence SUM, 20 customers', { provider: 'sequence', metric: 'bytes', ...all, ...period });
  await measure(gateway.url, 'Sequence COUNT, DAY windows', { provider: 'sequence', metric: 'requests', ...all, ...period, windowSize: 'DAY' });
  await measure(gateway.url, 'Sequence SUM, DAY windows', { provider: 'sequence', metric: 'bytes', ...all, ...period, windowSize: 'DAY' });
  await gateway.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
