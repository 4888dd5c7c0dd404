/**
 * How the native passthrough reads a request against the provider's spec, beyond the refusals in
 * native-refusals.test.ts: parameters coerced to their schema types, query rules (repeats, empty
 * values, bracketed keys), media types, a missing body, OpenAPI 3.1 bodies. Refusals reach no
 * provider; accepted requests reach it as sent.
 */
import { connect } from 'node:net';
import { call, gatewayKey, startFakeGateway, type FakeSetup } from './native-gateway';

const calculate = '/v1/native/sequence/usage-metrics/m1/calculate';
const period = 'customerAliases=a&periodStart=2026-09-01&periodEnd=2026-09-30';
const usageBody = JSON.stringify({ event_name: 'api_request', aggregation_type: 'COUNT' });
const metricList = { items: [], pagination: {} };

/** A request written byte for byte, e.g. a POST with neither Content-Length nor a chunked body. */
function rawRequest(url: string, head: string): Promise<{ status: number; body: { errors?: unknown } }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [statusLine = '', ...rest] = text.split('\r\n');
      resolve({ status: Number(statusLine.split(' ')[1]), body: JSON.parse(rest.join('\r\n').split('\r\n\r\n')[1] ?? 'null') as { errors?: unknown } });
    });
  });
}

describe('native request validation', () => {
  let setup: FakeSetup;
  let url: string;
  beforeAll(async () => {
    setup = await startFakeGateway();
    url = setup.gateway.url;
  });
  afterAll(() => setup.close());

  describe('refused before any upstream call', () => {
    let callsBefore: number;
    beforeEach(() => {
      callsBefore = setup.upstreamCalls();
    });
    afterEach(() => {
      expect(setup.upstreamCalls()).toBe(callsBefore);
    });

    it.each([
      ['limit=0', [{ path: '/query/limit', message: 'must be >= 1' }]],
      ['limit=101', [{ path: '/query/limit', message: 'must be <= 100' }]],
      ['limit=ten', [{ path: '/query/limit', message: 'must be integer' }]],
      ['limit=2.5', [{ path: '/query/limit', message: 'must be integer' }]],
      ['limit=5&limit=6', [{ path: '/query/limit', message: 'must be integer' }]],
    ])('Sequence usage-metrics?%s: the integer parameter checked as an integer', async (query, errors) => {
      const answer = await call(`${url}/v1/native/sequence/usage-metrics?${query}`);
      expect([answer.status, answer.body.errors]).toStrictEqual([400, errors]);
    });

    it('a string parameter given twice is a list, not a string', async () => {
      const answer = await call(`${url}${calculate}?${period}&customerAliases=b`);
      expect([answer.status, answer.body.errors]).toStrictEqual([400, [{ path: '/query/customerAliases', message: 'must be string' }]]);
    });

    it('a bracketed key counts under its name: a structured value where the spec wants a string', async () => {
      const known = await call(`${url}${calculate}?${period}&customParameters[p]=1`);
      expect([known.status, known.body.errors]).toStrictEqual([400, [{ path: '/query/customParameters', message: 'must be string' }]]);
      const unknown = await call(`${url}${calculate}?${period}&filter[p]=1`);
      expect([unknown.status, unknown.body.errors]).toStrictEqual([400, [{ path: '/query/filter', message: "Unknown query parameter 'filter'" }]]);
    });

    it('an unknown query parameter is named before any body violation', async () => {
      const answer = await call(`${url}/v1/native/svix/api/v1/stats/usage/app?x=1`, { body: {} });
      expect(answer.body.errors).toStrictEqual([{ path: '/query/x', message: "Unknown query parameter 'x'" }]);
    });

    it('every parameter violation in one answer: missing query parameters and a wrong header', async () => {
      const answer = await call(`${url}${calculate}`, { headers: { 'sequence-version': '2017-01-01' } });
      expect(answer.body.errors).toStrictEqual([
        { path: '/query/customerAliases', message: "must have required property 'customerAliases'" },
        { path: '/query/periodStart', message: "must have required property 'periodStart'" },
        { path: '/query/periodEnd', message: "must have required property 'periodEnd'" },
        { path: '/headers/sequence-version', message: 'must be equal to one of the allowed values: 2024-07-30' },
      ]);
    });

    it('a JSON media type the operation does not declare: 415 naming it', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: usageBody, headers: { 'content-type': 'application/vnd.api+json' } });
      expect(answer.status).toBe(415);
      const message = 'unsupported media type application/vnd.api+json';
      expect([answer.body.detail, answer.body.errors]).toStrictEqual([`/v1/native/flexprice/events/usage: ${message}`, [{ path: '/v1/native/flexprice/events/usage', message }]]);
    });

    it('no media type on an operation whose body is required: 415', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { method: 'POST' });
      expect([answer.status, answer.body.errors]).toStrictEqual([415, [{ path: '/v1/native/flexprice/events/usage', message: 'media type not specified' }]]);
    });

    it('a JSON POST with no body at all: the body is required', async () => {
      const answer = await rawRequest(url, `POST /v1/native/flexprice/events/usage HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${gatewayKey}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n`);
      expect([answer.status, answer.body.errors]).toStrictEqual([400, [{ path: '/body', message: "must have required property 'body'" }]]);
    });

    it('an OpenAPI 3.1 body (Svix): union types, patterns and unique items, each named', async () => {
      const answer = await call(`${url}/v1/native/svix/api/v1/stats/usage/app`, { body: { since: '2026-09-01T00:00:00Z', until: '2026-10-01T00:00:00Z', appIds: ['a', 'a', 'b c', 3] } });
      expect(answer.body.errors).toStrictEqual([
        { path: '/body/appIds/2', message: 'must match pattern "^[a-zA-Z0-9\\-_.]+$"' },
        { path: '/body/appIds/3', message: 'must be string' },
        { path: '/body/appIds', message: 'must NOT have duplicate items (items ## 0 and 1 are identical)' },
      ]);
    });

    it('nested body violations carry their full path', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/bulk`, { body: { events: [{ event_name: '' }, { external_customer_id: 'c', event_name: 'e', timestamp: 'x' }] } });
      expect(answer.body.errors).toStrictEqual([
        { path: '/body/events/0/external_customer_id', message: "must have required property 'external_customer_id'" },
        { path: '/body/events/0/event_name', message: 'must NOT have fewer than 1 characters' },
        { path: '/body/events/1/timestamp', message: 'must match format "date-time"' },
      ]);
    });
  });

  describe('accepted and forwarded as sent', () => {
    it('an integer parameter sent as text passes its check as a number and reaches the provider', async () => {
      setup.sequence.respond(() => ({ status: 200, body: metricList }));
      const before = setup.sequence.requests.length;
      const answer = await call(`${url}/v1/native/sequence/usage-metrics?limit=%205&after=x:y/z`);
      expect(answer.status).toBe(200);
      expect(setup.sequence.requests.slice(before).map((request) => request.query)).toStrictEqual([{ limit: 5, after: 'x:y/z' }]);
    });

    it('empty values where the spec allows them', async () => {
      setup.sequence.respond(() => ({ status: 200, body: { name: 'n', metricType: 'SIMPLE', eventType: 'e', aggregationType: 'COUNT', eventCount: 0, value: 0 } }));
      const answer = await call(`${url}${calculate}?customerAliases=&periodStart=&periodEnd`);
      expect(answer.status).toBe(200);
      expect(setup.sequence.requests.at(-1)?.query).toStrictEqual({ customerAliases: '', periodStart: '', periodEnd: '' });
    });

    it('a JSON media type with parameters, and the caller\'s exact bytes upstream', async () => {
      setup.flexprice.respond(() => ({ status: 200, body: { value: 0, event_name: 'api_request', type: 'COUNT' } }));
      const bytes = '{ "event_name" : "api_request",\n "aggregation_type":"COUNT" }';
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: bytes, headers: { 'content-type': 'Application/JSON; Charset=UTF-8' } });
      expect(answer.status).toBe(200);
      const received = setup.flexprice.requests.at(-1);
      expect([received?.headers['content-length'], received?.body]).toStrictEqual([String(Buffer.byteLength(bytes)), { event_name: 'api_request', aggregation_type: 'COUNT' }]);
    });
  });
});
