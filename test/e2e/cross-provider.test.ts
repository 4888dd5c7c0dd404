/**
 * One set of events, ingested through Flexprice's and Sequence's own ingest APIs, gives equal
 * count, sum and unique totals through POST /v1/usage/query, windowed and not.
 */
import fc from 'fast-check';
import type { Gateway } from '../../src/gateway';
import { postJson, startTestGateway } from '../helpers/gateway';

const from = '2026-03-01T00:00:00Z';
const to = '2026-03-22T00:00:00Z';
const span = Date.parse(to) - Date.parse(from);

const eventArbitrary = fc.record({
  customer: fc.constantFrom('c1', 'c2'),
  offsetSeconds: fc.integer({ min: 0, max: span / 1000 - 1 }),
  amount: fc.integer({ min: 0, max: 1000 }),
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
});

describe('Flexprice and Sequence agree on the same events', () => {
  let gateway: Gateway;
  let run = 0;
  beforeAll(async () => {
    gateway = await startTestGateway({ sandbox: { demoData: false } });
  });
  afterAll(() => gateway.close());

  async function ingest(events: { customer: string; offsetSeconds: number; amount: number; user: string }[], prefix: string) {
    const sandbox = gateway.sandbox!.endpoints;
    const records = events.map((event, index) => ({
      id: `${prefix}_e${index}`,
      customer: `${prefix}_${event.customer}`,
      timestamp: new Date(Date.parse(from) + event.offsetSeconds * 1000).toISOString(),
      properties: { amount: event.amount, user: event.user },
    }));
    const bulk = await postJson(`${sandbox.flexprice.baseUrl}/events/bulk`, {
      events: records.map((record) => ({ event_id: record.id, event_name: `${prefix}_call`, external_customer_id: record.customer, timestamp: record.timestamp, properties: record.properties })),
    }, { 'x-api-key': sandbox.flexprice.apiKey });
    expect(bulk.status).toBe(202);
    const auth = { authorization: `Basic ${Buffer.from(`${sandbox.sequence.clientId}:${sandbox.sequence.clientSecret}`).toString('base64')}` };
    for (const record of records) {
      const created = await postJson(`${sandbox.sequence.baseUrl}/usage-events`, {
        customerEventId: record.id, customerAlias: record.customer, eventType: `${prefix}_call`, eventTimestamp: record.timestamp, eventProperties: record.properties,
      }, auth);
      expect(created.status).toBe(201);
    }
    const metrics: Record<string, string> = {};
    for (const [key, aggregationType, aggregationProperty] of [['count', 'COUNT', null], ['sum', 'SUM', 'amount'], ['count_unique', 'UNIQUE', 'user']] as const) {
      const metric = await postJson(`${sandbox.sequence.baseUrl}/usage-metrics`, {
        name: `${prefix} ${key}`, metricType: 'SIMPLE', eventType: `${prefix}_call`, aggregationType, aggregationProperty,
      }, auth);
      expect(metric.status).toBe(201);
      metrics[key] = metric.body.id;
    }
    return metrics;
  }

  it('for generated event sets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArbitrary, { minLength: 1, maxLength: 25 }), fc.constantFrom(undefined, 'DAY', 'WEEK', 'MONTH'), async (events, windowSize) => {
        run += 1;
        const prefix = `r${run}`;
        const metrics = await ingest(events, prefix);
        for (const aggregation of ['count', 'sum', 'count_unique'] as const) {
          // Flexprice combines several customers only for additive aggregations.
          const customers = aggregation === 'count_unique' ? [`${prefix}_c1`] : [`${prefix}_c1`, `${prefix}_c2`];
          const common = { from, to, customers, ...(windowSize ? { windowSize } : {}) };
          const flexprice = await postJson(`${gateway.url}/v1/usage/query`, {
            provider: 'flexprice', metric: `${prefix}_call`, aggregation, ...(aggregation === 'count' ? {} : { property: aggregation === 'sum' ? 'amount' : 'user' }), ...common,
          });
          const sequence = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'sequence', metric: metrics[aggregation], aggregation, ...common });
          expect([flexprice.status, sequence.status]).toStrictEqual([200, 200]);
          expect({ aggregation, value: flexprice.body.value, windows: flexprice.body.windows }).toStrictEqual({ aggregation, value: sequence.body.value, windows: sequence.body.windows });
        }
      }),
      { numRuns: 12 },
    );
  });
});
