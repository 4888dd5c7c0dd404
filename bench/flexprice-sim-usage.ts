/**
 * Micro-benchmark of the Flexprice simulator's store and aggregation, without HTTP: loads events
 * through the programmatic ingest (the seed's path), then times COUNT and SUM queries, scalar and
 * DAY-windowed, over the whole load. Run: `npx tsx bench/flexprice-sim-usage.ts [events]`.
 */
import { createFlexpriceSimulator } from '../src/sandbox/flexprice';

const total = Number(process.argv[2] ?? 1_000_000);
const start = Date.parse('2024-03-01T00:00:00Z');
const span = 30 * 86_400_000;
const simulator = createFlexpriceSimulator({
  basePath: '/sandbox/flexprice/v1',
  apiKeys: ['bench'],
  maxEvents: total,
  now: () => start + span,
});

// A deterministic spread (no Math.random, so runs compare): events arrive out of time order.
function makeEvent(index: number) {
  const time = start + ((index * 7_919_993) % span);
  return {
    event_id: `evt-${index}`,
    event_name: index % 10 === 0 ? 'storage' : 'api_request',
    external_customer_id: `cust-${index % 1000}`,
    timestamp: new Date(time).toISOString(),
    properties: { tokens: index % 97, region: index % 3 === 0 ? 'eu' : 'us' },
  };
}

function time<T>(label: string, run: () => T): T {
  const begin = performance.now();
  const result = run();
  console.log(`${label.padEnd(44)} ${(performance.now() - begin).toFixed(1).padStart(9)} ms`);
  return result;
}

time(`load ${total} events (chunks of 10,000)`, () => {
  for (let offset = 0; offset < total; offset += 10_000) {
    simulator.ingest(Array.from({ length: Math.min(10_000, total - offset) }, (_, index) => makeEvent(offset + index)));
  }
});

const range = { start_time: '2024-03-01T00:00:00Z', end_time: '2024-03-31T00:00:00Z' };
const queries: Array<[string, Record<string, unknown>]> = [
    ['COUNT', { aggregation_type: 'COUNT' }],
  ['SUM', { aggregation_type: 'SUM', property_name: 'tokens' }],
  ['COUNT by DAY', { aggregation_type: 'COUNT', window_size: 'DAY' }],
  ['SUM by DAY', { aggregation_type: 'SUM', property_name: 'tokens', window_size: 'DAY' }],
  ['SUM by MONTH, anchor 15', { aggregation_type: 'SUM', property_name: 'tokens', window_size: 'MONTH', billing_anchor: '2024-01-15T00:00:00Z' }],
  ['SUM one customer', { aggregation_type: 'SUM', property_name: 'tokens', external_customer_id: 'cust-7' }],
  ['COUNT filtered region=eu', { aggregation_type: 'COUNT', filters: { region: ['eu'] } }],
  ['COUNT_UNIQUE region', { aggregation_type: 'COUNT_UNIQUE', property_name: 'region' }],
];
// Each query twice: the first run also extracts the property or customer column it reads.
for (const [label, query] of queries) {
  for (const run of ['cold', 'warm']) {
    const answer = time(`${label} (${run})`, () => simulator.usage({ event_name: 'api_request', ...range, ...query }));
    if (run === 'warm') console.log(`${''.padEnd(44)} → ${answer.value ?? `${answer.results?.length ?? 0} windows`}`);
  }
}
console.log(`heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
