/**
 * Native requests the gateway refuses itself: each gets a 4xx problem naming what is wrong, and
 * no provider receives a call (the fake upstreams count every request they get).
 */
import { call, rawPathCall, startFakeGateway, type FakeSetup } from './native-gateway';

const problem = (status: number, code: string, title: string, detail: string, errors: { path: string; message: string }[] = []) => ({
  type: `https://usage-gateway.dev/problems/${code.replace(/_/g, '-')}`,
  title,
  status,
  detail,
  code,
  errors,
  requestId: expect.any(String),
  traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
});

describe('native requests refused before any upstream call', () => {
  let setup: FakeSetup;
  let url: string;
  beforeAll(async () => {
    setup = await startFakeGateway({ maxNativeBodyBytes: 1024 });
    url = setup.gateway.url;
  });
  afterAll(() => setup.close());
  afterEach(() => {
    expect(setup.upstreamCalls()).toBe(0);
  });

  describe('spec violations: 400 validation_failed listing each one', () => {
    it('a Flexprice body with a wrong type and a missing field', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: { aggregation_type: 'SUMMED', event_name: 7 } });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(answer.body.code).toBe('validation_failed');
      expect(answer.body.errors).toStrictEqual([
        { path: '/body/aggregation_type', message: 'must be equal to one of the allowed values: COUNT, SUM, AVG, COUNT_UNIQUE, LATEST, SUM_WITH_MULTIPLIER, MAX, WEIGHTED_SUM' },
        { path: '/body/event_name', message: 'must be string' },
      ]);
    });

    it('Sequence query parameters: a required one missing', async () => {
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/m1/calculate?periodStart=2026-09-01`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toStrictEqual([
        { path: '/query/customerAliases', message: "must have required property 'customerAliases'" },
        { path: '/query/periodEnd', message: "must have required property 'periodEnd'" },
      ]);
    });

    it('a query parameter the spec does not declare', async () => {
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/m1/calculate?customerAliases=a&periodStart=2026-09-01&periodEnd=2026-09-30&limit=5`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toStrictEqual([{ path: '/query/limit', message: "Unknown query parameter 'limit'" }]);
    });

    it('a Sequence-Version the spec does not describe', async () => {
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/m1/calculate?customerAliases=a&periodStart=2026-09-01&periodEnd=2026-09-30`, {
        headers: { 'sequence-version': '2017-01-01' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toStrictEqual([{ path: '/headers/sequence-version', message: 'must be equal to one of the allowed values: 2024-07-30' }]);
    });

    it('a Svix task id outside its pattern', async () => {
      const answer = await call(`${url}/v1/native/svix/api/v1/background-task/qtask_short`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toStrictEqual([
        { path: '/path/task_id', message: 'must NOT have fewer than 33 characters' },
        { path: '/path/task_id', message: 'must match pattern "^qtask_[A-Za-z0-9]{27}$"' },
      ]);
    });

    it('a Svix body with a bad date and no until, on the trailing-slash path', async () => {
      const answer = await call(`${url}/v1/native/svix/api/v1/stats/usage/app/`, { body: { since: 'yesterday' } });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toStrictEqual([
        { path: '/body/until', message: "must have required property 'until'" },
        { path: '/body/since', message: 'must match format "date-time"' },
      ]);
    });
  });

  describe('bodies', () => {
    it('malformed JSON: 400 malformed_json', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: '{"event_name":', headers: { 'content-type': 'application/json' } });
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual(problem(400, 'malformed_json', 'The body is not valid JSON', 'The body is not valid JSON', [{ path: '/body', message: 'is not valid JSON' }]));
    });

    it('a body over limits.maxNativeBodyBytes: 413 payload_too_large naming the limit', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: { event_name: 'x'.repeat(2000), aggregation_type: 'COUNT' } });
      expect(answer.status).toBe(413);
      expect(answer.body.code).toBe('payload_too_large');
      expect(answer.body.errors).toStrictEqual([{ path: '/body', message: 'exceeds the 1024-byte limit of this route' }]);
    });

    it('a body that is not JSON where the spec wants JSON: 415', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: 'event_name=x', headers: { 'content-type': 'text/plain' } });
      expect(answer.status).toBe(415);
      expect(answer.body.code).toBe('unsupported_media_type');
    });
  });

  describe('paths and provider ids', () => {
    it('a path that is not in the provider\'s spec: 404 route_not_found', async () => {
      const answer = await call(`${url}/v1/native/svix/api/v1/app`);
      expect(answer.status).toBe(404);
      expect(answer.body).toStrictEqual(problem(404, 'route_not_found', 'No such route', 'svix has no operation at /api/v1/app in its spec'));
    });

    it('a path in another provider\'s spec is not this one\'s', async () => {
      const answer = await call(`${url}/v1/native/flexprice/api/v1/stats/usage/app`, { body: { since: '2026-09-01T00:00:00Z', until: '2026-10-01T00:00:00Z' } });
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('route_not_found');
    });

    it('paths match the spec case for case', async () => {
      const answer = await call(`${url}/v1/native/flexprice/Events/Usage`, { body: { event_name: 'x', aggregation_type: 'COUNT' } });
      expect(answer.status).toBe(404);
    });

    it('a method the path does not have: 405 with Allow', async () => {
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { method: 'GET' });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('POST');
      expect(answer.body).toStrictEqual(problem(405, 'method_not_allowed', 'Method not allowed', 'GET is not allowed on /events/usage; use POST'));
    });

    it('an unknown provider id: 404 provider_not_found naming the configured ones', async () => {
      const answer = await call(`${url}/v1/native/stripe/v1/usage`);
      expect(answer.status).toBe(404);
      const message = 'is not a configured provider (configured: flexprice, sequence, svix)';
      expect(answer.body).toStrictEqual(problem(404, 'provider_not_found', 'No such provider', `"stripe" ${message}`, [{ path: '/path/providerId', message }]));
    });

    it('no provider id at all: 404 route_not_found', async () => {
      const answer = await call(`${url}/v1/native/`);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('route_not_found');
    });

    it.each([
      ['/v1/native/svix/api/v1/../../v1/stats/usage/app', '/path/nativePath', 'segment ".." is a dot segment, which would climb out of the provider\'s API'],
      ['/v1/native/svix/api/v1/%2e%2E/background-task', '/path/nativePath', 'segment "%2e%2E" is a dot segment, which would climb out of the provider\'s API'],
      ['/v1/native/svix/api/v1/./background-task', '/path/nativePath', 'segment "." is a dot segment, which would climb out of the provider\'s API'],
      ['/v1/native/svix/api%2Fv1/background-task', '/path/nativePath', 'segment "api%2Fv1" holds a slash or backslash'],
      ['/v1/native/svix/api%5cv1/background-task', '/path/nativePath', 'segment "api%5cv1" holds a slash or backslash'],
      ['/v1/native/svix/api/v1/background-task/qtask%00', '/path/nativePath', 'segment "qtask%00" holds a control character'],
      ['/v1/native/svix/api/v1/%E0%A4%A', '/path/nativePath', 'segment "%E0%A4%A" is not valid percent-encoding'],
      ['/v1/native/../usage/query', '/path/providerId', 'segment ".." is a dot segment, which would climb out of the provider\'s API'],
      ['/v1/native/%2e%2e/sandbox/svix/api/v1/stats/usage/app', '/path/providerId', 'segment "%2e%2e" is a dot segment, which would climb out of the provider\'s API'],
      ['/v1/native/svix%2Fapi/v1/stats/usage/app', '/path/providerId', 'segment "svix%2Fapi" holds a slash or backslash'],
    ])('%s: 400 naming %s', async (rawPath, where, message) => {
      const answer = await rawPathCall(url, rawPath);
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual(problem(400, 'validation_failed', 'The request is invalid', `${where}: ${message}`, [{ path: where, message }]));
    });
  });
});
