/**
 * End to end through POST /v1/usage/query against the embedded sandbox and its demo data, for all
 * three providers. Expected figures are counted straight from the demo data set.
 */
import { demoAttempts, demoEvents } from '../../src/sandbox/demo-data';
import type { Gateway } from '../../src/gateway';
import { getJson, postJson, startTestGateway } from '../helpers/gateway';

const september = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const events = demoEvents();
const inSeptember = (timestamp: string) => timestamp >= september.from && timestamp < september.to;
const requests = (customers: string[]) => events.filter((event) => event.name === 'api_request' && customers.includes(event.customer) && inSeptember(event.timestamp));
const sumBytes = (list: typeof events) => list.reduce((total, event) => total + Number(event.properties.bytes), 0);

describe('the sandbox demo through the unified API', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ sandbox: { svixTaskDelayMs: 300 } });
  });
  afterAll(() => gateway.close());

  it('answers the curl commands printed at startup', async () => {
    const examples = gateway.sandbox!.demo!.curlExamples(gateway.url);
    expect(examples).toHaveLength(3);
    for (const example of examples) {
      const [, url, body] = /^curl -s (\S+) -H 'content-type: application\/json' -d '(.+)'$/.exec(example) ?? [];
      const response = await postJson(url!, JSON.parse(body!));
      expect([example, response.status, response.body.status]).toStrictEqual([example, 200, 'complete']);
    }
  });

  it('lists the three sandbox providers', async () => {
    const response = await getJson(`${gateway.url}/v1/providers`);
    expect(response.body.providers.map((provider: { id: string; type: string; mode: string }) => [provider.id, provider.type, provider.mode])).toStrictEqual([
      ['flexprice', 'flexprice', 'sandbox'],
      ['sequence', 'sequence', 'sandbox'],
      ['svix', 'svix', 'sandbox'],
    ]);
  });

  it('Flexprice: counts and sums with weekly windows clipped to the period', async () => {
    const count = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...september });
    expect(count.status).toBe(200);
    expect(count.body.value).toBe(requests(['acme']).length);
    expect(count.body.eventCount).toBe(requests(['acme']).length);

    const weekly = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', customers: ['acme'], ...september, windowSize: 'WEEK',
    });
    expect(weekly.status).toBe(200);
    expect(weekly.body.value).toBe(sumBytes(requests(['acme'])));
    // 2026-09-01 is a Tuesday: the first window starts at the period, the others on Sundays.
    expect(weekly.body.windows.map((window: { start: string; end: string }) => [window.start, window.end])).toStrictEqual([
      ['2026-09-01T00:00:00Z', '2026-09-06T00:00:00Z'],
      ['2026-09-06T00:00:00Z', '2026-09-13T00:00:00Z'],
      ['2026-09-13T00:00:00Z', '2026-09-20T00:00:00Z'],
      ['2026-09-20T00:00:00Z', '2026-09-27T00:00:00Z'],
      ['2026-09-27T00:00:00Z', '2026-10-01T00:00:00Z'],
    ]);
    const firstWeek = requests(['acme']).filter((event) => event.timestamp < '2026-09-06');
    expect(weekly.body.windows[0].value).toBe(sumBytes(firstWeek));
  });

  it('Sequence: unique users across two customers, with its unit and event count', async () => {
    const response = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'sequence', metric: 'active-users', customers: ['acme', 'globex'], ...september });
    expect(response.status).toBe(200);
    const list = requests(['acme', 'globex']);
    expect(response.body).toMatchObject({
      provider: 'sequence', providerType: 'sequence', aggregation: 'count_unique', unit: 'users',
      value: new Set(list.map((event) => event.properties.user_id)).size,
      eventCount: list.length,
      windows: null,
      groups: [],
      status: 'complete',
      warnings: [],
    });
  });

  it('Svix: answers 202 with a task, then the report per app', async () => {
    const started = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'svix', metric: 'message_destinations', customers: ['acme', 'globex', 'nobody'], ...september, waitSeconds: 0,
    });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/v1/usage/tasks/${started.body.taskId as string}`);

    let report = await getJson(gateway.url + started.headers.get('location'));
    for (let attempt = 0; report.status === 202 && attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      report = await getJson(gateway.url + started.headers.get('location'));
    }
    expect(report.status).toBe(200);
    const attempts = (app: string) => demoAttempts().filter((item) => item.app === app && inSeptember(item.timestamp)).reduce((total, item) => total + item.count, 0);
    expect(report.body.value).toBe(attempts('acme') + attempts('globex'));
    expect(report.body.groups).toStrictEqual([
      { key: 'acme', value: attempts('acme') },
      { key: 'globex', value: attempts('globex') },
    ]);
    expect(report.body.warnings).toStrictEqual([expect.objectContaining({ code: 'unresolved_app_ids' })]);
    expect(report.body.warnings[0].message).toContain('nobody');
  });

  it('Svix: waits for the task when waitSeconds allows', async () => {
    const response = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'svix', metric: 'message_destinations', customers: ['initech'], ...september, waitSeconds: 5,
    });
    expect(response.status).toBe(200);
    expect(response.body.eventCount).toBeNull();
    expect(response.body.groups).toHaveLength(1);
  });
});
