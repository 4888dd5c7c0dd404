/**
 * Flexprice-sized bulk ingests through the gateway: the native passthrough and the simulator take
 * what Flexprice takes (1 to 1,000 events, bodies far past the unified API's 64 KiB), a 1,001-event
 * bulk is refused as Flexprice refuses it, and every accepted event is then counted.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { call, gatewayKey, startFakeGateway, startSandboxGateway, type FakeSetup, type LoggedGateway } from './native-gateway';

const run = promisify(execFile);
const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };

/** `count` ordinary events for `customer`, a minute apart from the start of the period. */
function bulk(customer: string, count: number) {
  return {
    events: Array.from({ length: count }, (_, index) => ({
      event_id: `${customer}-${index}`,
      event_name: 'bulk_request',
      external_customer_id: customer,
      timestamp: new Date(Date.UTC(2026, 8, 1) + index * 60_000).toISOString(),
      properties: { path: `/v1/orders/${index}`, region: 'eu-west-1', bytes: 1000 + index },
    })),
  };
}

async function counted(url: string, customer: string): Promise<unknown> {
  const answer = await call(`${url}/v1/usage/query`, { body: { provider: 'flexprice', metric: 'bulk_request', customers: [customer], ...period } });
  return [answer.status, answer.body.value];
}

describe('bulk ingest through the gateway', () => {
  let keyed: LoggedGateway;
  let open: LoggedGateway;
  beforeAll(async () => {
    [keyed, open] = await Promise.all([startSandboxGateway(), startSandboxGateway({ keys: false })]);
  });
  afterAll(() => Promise.all([keyed.gateway.close(), open.gateway.close()]));

  it('1,000 events (well over 64 KiB) through /v1/native/flexprice/events/bulk, then every one counted', async () => {
    const body = bulk('bulk-native', 1000);
    expect(JSON.stringify(body).length).toBeGreaterThan(150 * 1024);
    const answer = await call(`${keyed.gateway.url}/v1/native/flexprice/events/bulk`, { body });
    expect([answer.status, answer.body]).toStrictEqual([202, { message: 'Events accepted for processing' }]);
    expect(await counted(keyed.gateway.url, 'bulk-native')).toStrictEqual([200, 1000]);
  });

  it('1,000 events through the sandbox route itself, with the public credentials on a gateway without keys', async () => {
    const answer = await call(`${open.gateway.url}/sandbox/flexprice/v1/events/bulk`, {
      body: bulk('bulk-sandbox', 1000), headers: { authorization: '', 'x-api-key': 'sandbox-flexprice-key' },
    });
    expect(answer.status).toBe(202);
    expect(await counted(open.gateway.url, 'bulk-sandbox')).toStrictEqual([200, 1000]);
  });

  it('1,000 events through the sandbox route with a gateway key when keys are configured', async () => {
    const answer = await call(`${keyed.gateway.url}/sandbox/flexprice/v1/events/bulk`, {
      body: bulk('bulk-sandbox-keyed', 1000), headers: { authorization: '', 'x-api-key': gatewayKey },
    });
    expect(answer.status).toBe(202);
    expect(await counted(keyed.gateway.url, 'bulk-sandbox-keyed')).toStrictEqual([200, 1000]);
  });

  it("1,000 events with @flexprice/sdk's ingestEventsBulk through the native route", async () => {
    const { stdout } = await run(process.execPath, [path.join(__dirname, 'flexprice-sdk-bulk.mjs'), keyed.gateway.url, gatewayKey, 'bulk-sdk', '1000'], { timeout: 20_000 });
    expect(JSON.parse(stdout)).toStrictEqual({ message: 'Events accepted for processing' });
    expect(await counted(keyed.gateway.url, 'bulk-sdk')).toStrictEqual([200, 1000]);
  });

  it('1,001 events through the sandbox route: Flexprice\'s own 400, nothing stored', async () => {
    const answer = await call(`${open.gateway.url}/sandbox/flexprice/v1/events/bulk`, {
      body: bulk('bulk-too-many', 1001), headers: { authorization: '', 'x-api-key': 'sandbox-flexprice-key' },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/events/i);
    const query = await call(`${open.gateway.url}/v1/usage/query`, { body: { provider: 'flexprice', metric: 'bulk_request', customers: ['bulk-too-many'], ...period } });
    expect([query.status, query.body.value]).toStrictEqual([200, 0]);
  });
});

describe('bulk limits on the native route, before any upstream call', () => {
  let setup: FakeSetup;
  beforeAll(async () => {
    setup = await startFakeGateway();
  });
  afterAll(() => setup.close());

  it('1,001 events: 400 validation_failed naming /body/events, no upstream call', async () => {
    const answer = await call(`${setup.gateway.url}/v1/native/flexprice/events/bulk`, { body: bulk('too-many', 1001) });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('validation_failed');
    expect(answer.body.errors).toStrictEqual([{ path: '/body/events', message: expect.stringMatching(/1000/) }]);
    expect(setup.upstreamCalls()).toBe(0);
  });

  it('a body over the default 8 MiB native limit: 413 payload_too_large, no upstream call', async () => {
    const events = bulk('too-big', 1000).events.map((event) => ({ ...event, properties: { ...event.properties, note: 'x'.repeat(9000) } }));
    const answer = await call(`${setup.gateway.url}/v1/native/flexprice/events/bulk`, { body: { events } });
    expect(answer.status).toBe(413);
    expect(answer.body.errors).toStrictEqual([{ path: '/body', message: `exceeds the ${8 * 1024 * 1024}-byte limit of this route` }]);
    expect(setup.upstreamCalls()).toBe(0);
  });
});
