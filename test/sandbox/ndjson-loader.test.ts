import type { Gateway } from '../../src/gateway';
import { LoadError, loadIntoSandbox, parseNdjson } from '../../src/sandbox/ndjson-loader';
import { postJson, startTestGateway } from '../helpers/gateway';
import { gatewayKey, startSandboxGateway, type LoggedGateway } from '../native/native-gateway';

const period = { from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' };

describe('loading NDJSON into the sandbox', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ sandbox: { demoData: false, svixTaskDelayMs: 0 } });
    gateway.sandbox!.simulators.sequence.addMetric({ name: 'Loads', metricType: 'SIMPLE', eventType: 'load', aggregationType: 'SUM', aggregationProperty: 'n' }, { id: 'loads' });
    gateway.sandbox!.simulators.svix.createApp({ uid: 'loader-app' });
  });
  afterAll(() => gateway.close());

  it('loads every provider through its own ingest API, then answers from it', async () => {
    const lines = [
      ...Array.from({ length: 1500 }, (_v, index) => ({ provider: 'flexprice', event: { event_id: `f${index}`, event_name: 'load', external_customer_id: 'cust', timestamp: '2026-01-01T10:00:00Z', properties: { n: 2 } } })),
      { provider: 'sequence', event: { customerEventId: 's1', customerAlias: 'cust', eventType: 'load', eventTimestamp: '2026-01-02T10:00:00Z', eventProperties: { n: 5 } } },
      { provider: 'sequence', event: { customerEventId: 's2', customerAlias: 'cust', eventType: 'load', eventTimestamp: '2026-01-02T11:00:00Z', eventProperties: { n: 7 } } },
      { provider: 'svix', event: { app: 'loader-app', timestamp: '2026-01-01T12:00:00Z', count: 9 } },
    ];
    const text = `${lines.map((item) => JSON.stringify(item)).join('\n')}\n\n`;
    expect(await loadIntoSandbox(parseNdjson(text), gateway.url)).toStrictEqual({ flexprice: 1500, sequence: 2, svix: 1 });

    const flexprice = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'flexprice', metric: 'load', aggregation: 'sum', property: 'n', ...period });
    const sequence = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'sequence', metric: 'loads', customers: ['cust'], ...period });
    const svix = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'svix', metric: 'message_destinations', ...period, waitSeconds: 5 });
    expect([flexprice.body.value, sequence.body.value, svix.body.value]).toStrictEqual([3000, 12, 9]);
  });

  it('refuses a file with a bad line and names it, before sending anything', () => {
    const text = [
      JSON.stringify({ provider: 'flexprice', event: { event_name: 'x', external_customer_id: 'c' } }),
      '{not json',
      JSON.stringify({ provider: 'stripe', event: {} }),
    ].join('\n');
    expect(() => parseNdjson(text)).toThrow(LoadError);
    expect(() => parseNdjson(text)).toThrow(/line 2: not valid JSON\nline 3: provider/);
  });

  it('stops with the provider error when the sandbox refuses a batch', async () => {
    const lines = parseNdjson(JSON.stringify({ provider: 'flexprice', event: { event_name: '', external_customer_id: 'c' } }));
    await expect(loadIntoSandbox(lines, gateway.url)).rejects.toThrow(/events\/bulk answered 400/);
  });
});

describe('loading NDJSON into the sandbox of a gateway with keys', () => {
  let keyed: LoggedGateway;
  beforeAll(async () => {
    keyed = await startSandboxGateway();
  });
  afterAll(() => keyed.gateway.close());

  const lines = () => parseNdjson([
    JSON.stringify({ provider: 'flexprice', event: { event_id: 'k1', event_name: 'keyed_load', external_customer_id: 'cust', timestamp: '2026-01-01T10:00:00Z' } }),
    JSON.stringify({ provider: 'sequence', event: { customerEventId: 'k2', customerAlias: 'cust', eventType: 'keyed_load', eventTimestamp: '2026-01-02T10:00:00Z' } }),
    JSON.stringify({ provider: 'svix', event: { app: 'acme', timestamp: '2026-01-01T12:00:00Z', count: 1 } }),
  ].join('\n'));

  it('is refused with the public sandbox credentials', async () => {
    await expect(loadIntoSandbox(lines(), keyed.gateway.url)).rejects.toThrow(/events\/bulk answered 401/);
  });

  it('loads every provider with a gateway key', async () => {
    expect(await loadIntoSandbox(lines(), keyed.gateway.url, { gatewayKey })).toStrictEqual({ flexprice: 1, sequence: 1, svix: 1 });
    const answer = await postJson(`${keyed.gateway.url}/v1/usage/query`, { provider: 'flexprice', metric: 'keyed_load', ...period }, { authorization: `Bearer ${gatewayKey}` });
    expect([answer.status, answer.body.value]).toStrictEqual([200, 1]);
  });
});
