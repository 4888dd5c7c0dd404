/**
 * The native passthrough over the sandbox providers: each provider's own operations, called with
 * the gateway key, answer with the figures the demo data set holds (counted here from it).
 */
import { demoAttempts, demoEvents } from '../../src/sandbox/demo-data';
import { call, gatewayKey, startSandboxGateway, type LoggedGateway } from './native-gateway';

const september = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const inSeptember = (timestamp: string) => timestamp >= september.from && timestamp < september.to;
const requests = (customers: string[]) => demoEvents().filter((event) => event.name === 'api_request' && customers.includes(event.customer) && inSeptember(event.timestamp));
const attempts = (app: string) => demoAttempts().filter((item) => item.app === app && inSeptember(item.timestamp)).reduce((total, item) => total + item.count, 0);

describe('native passthrough over the sandbox', () => {
  let setup: LoggedGateway;
  let url: string;
  beforeAll(async () => {
    setup = await startSandboxGateway();
    url = setup.gateway.url;
  });
  afterAll(() => setup.gateway.close());

  describe('POST /v1/native/flexprice/events/usage', () => {
    it('sums a property for one customer, with the gateway key as x-api-key', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, {
        headers: { authorization: '', 'x-api-key': gatewayKey },
        body: { event_name: 'api_request', aggregation_type: 'SUM', property_name: 'bytes', external_customer_id: 'acme', start_time: september.from, end_time: september.to },
      });
      const expected = requests(['acme']).reduce((total, event) => total + Number(event.properties.bytes), 0);
      expect(answer.status).toBe(200);
      expect(answer.body).toStrictEqual({ value: expected, event_name: 'api_request', type: 'SUM' });
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      // The gateway's request id stays the gateway's; Flexprice's own comes back beside it.
      expect(answer.headers.get('x-request-id')).not.toBe(answer.headers.get('x-upstream-request-id'));
      expect(answer.headers.get('x-upstream-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.headers.get('warning')).toBeNull();
    });

    it('answers Flexprice\'s own 400 unchanged when the provider refuses a valid-looking request', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, {
        body: { event_name: 'api_request', aggregation_type: 'SUM', property_name: 'bytes', multiplier: '2' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({
        code: 'validation_error',
        message: 'Multiplier can only be used with SUM_WITH_MULTIPLIER aggregations',
        http_status_code: 400,
        details: { aggregation_type: 'SUM' },
      });
    });
  });

  describe('GET /v1/native/sequence/usage-metrics/{usageMetricId}/calculate', () => {
    it('counts unique users over an inclusive period, with the gateway key as the Basic user name', async () => {
      const basic = `Basic ${Buffer.from(`${gatewayKey}:`).toString('base64')}`;
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/active-users/calculate?customerAliases=acme,globex&periodStart=2026-09-01&periodEnd=2026-09-30`, {
        headers: { authorization: basic },
      });
      const list = requests(['acme', 'globex']);
      expect(answer.status).toBe(200);
      expect(answer.body).toStrictEqual({
        name: 'Active users',
        metricType: 'SIMPLE',
        eventType: 'api_request',
        aggregationType: 'UNIQUE',
        eventCount: list.length,
        value: new Set(list.map((event) => event.properties.user_id)).size,
        unit: 'users',
        minEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        maxEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(answer.headers.get('sequence-version')).toBe('2024-07-30');
    });
  });

  describe('POST /v1/native/svix/api/v1/stats/usage/app, then GET the background task', () => {
    async function finishedTask(taskId: string) {
      let task = await call(`${url}/v1/native/svix/api/v1/background-task/${taskId}`);
      for (let attempt = 0; task.body.status === 'running' && attempt < 50; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        task = await call(`${url}/v1/native/svix/api/v1/background-task/${taskId}`);
      }
      return task;
    }

    it.each(['/api/v1/stats/usage/app', '/api/v1/stats/usage/app/'])('reports message attempts per app via %s', async (path) => {
      const started = await call(`${url}/v1/native/svix${path}`, { body: { since: september.from, until: september.to, appIds: ['acme', 'globex', 'nobody'] } });
      expect(started.status).toBe(202);
      expect(started.body).toStrictEqual({
        id: expect.stringMatching(/^qtask_[A-Za-z0-9]{27}$/),
        status: 'running',
        task: 'application.stats',
        unresolvedAppIds: ['nobody'],
        updatedAt: expect.any(String),
      });
      const task = await finishedTask(started.body.id);
      expect(task.status).toBe(200);
      expect(task.body.status).toBe('finished');
      const figures = (task.body.data.appStats as { appUid: string; messageDestinations: number }[])
        .map((item) => [item.appUid, item.messageDestinations])
        .sort();
      expect(figures).toStrictEqual([['acme', attempts('acme')], ['globex', attempts('globex')]]);
    });
  });

  it('logs one line per native call: provider, method, route template, status; no credentials', async () => {
    const before = setup.logs.length;
    await call(`${url}/v1/native/sequence/usage-metrics/api-requests/calculate?customerAliases=acme&periodStart=2026-09-01&periodEnd=2026-09-30`);
    const lines = setup.logs.slice(before).filter((line) => line.msg === 'native call');
    expect(lines).toStrictEqual([{
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      msg: 'native call',
      requestId: expect.any(String),
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      provider: 'sequence',
      method: 'GET',
      route: '/usage-metrics/{usageMetricId}/calculate',
      status: 200,
      durationMs: expect.any(Number),
    }]);
    expect(JSON.stringify(setup.logs)).not.toContain(gatewayKey);
  });
});
