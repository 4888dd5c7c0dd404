/**
 * The contract guard through the gateway: fake providers send answers outside their specs, on
 * native and unified paths, to one gateway in `warn` mode and one in `strict` mode.
 */
import { call, startFakeGateway, type FakeSetup } from './native-gateway';

const usageBody = { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme' };
const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const flexpriceQuery = { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...period };
const sequenceQuery = { provider: 'sequence', metric: 'api-requests', customers: ['acme'], ...period };
const calculatePath = '/v1/native/sequence/usage-metrics/api-requests/calculate?customerAliases=acme&periodStart=2026-09-01&periodEnd=2026-09-30';

// Off spec: `event_name` must be a string. The adapter does not read it, so in warn mode the
// unified answer is still a report.
const offSpecUsage = { value: 5, event_name: 42, type: 'COUNT' };
const offSpecViolation = { path: '/body/event_name', message: 'must be string' };
const offSpecWarning = '199 usage-gateway "flexprice answered outside its spec: /body/event_name: must be string"';
// Off spec: Sequence's calculate answer lacks three required fields the adapter does not need.
const partialCalculation = { aggregationType: 'COUNT', eventCount: 4, value: 4 };
const partialViolations = [
  { path: '/body/eventType', message: 'is required' },
  { path: '/body/metricType', message: 'is required' },
  { path: '/body/name', message: 'is required' },
];
// An error body outside Flexprice's ErrorResponse: `code` is not one of its values.
const offSpecError = { code: 'teapot', message: 'short and stout', http_status_code: 400 };

describe('contract guard', () => {
  let warn: FakeSetup;
  let strict: FakeSetup;
  beforeAll(async () => {
    [warn, strict] = await Promise.all([startFakeGateway({ contractGuard: 'warn' }), startFakeGateway({ contractGuard: 'strict' })]);
  });
  afterAll(async () => {
    await Promise.all([warn.close(), strict.close()]);
  });

  describe('warn (the default): passes the answer on, logs it, adds a Warning header', () => {
    it('native: the provider\'s body comes back unchanged', async () => {
      warn.flexprice.respond(() => ({ status: 200, body: offSpecUsage }));
      const before = warn.logs.length;
      const answer = await call(`${warn.gateway.url}/v1/native/flexprice/events/usage`, { body: usageBody });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(JSON.stringify(offSpecUsage));
      expect(answer.headers.get('warning')).toBe(offSpecWarning);
      const logged = warn.logs.slice(before).filter((line) => line.msg === 'provider answered outside its spec');
      expect(logged).toStrictEqual([expect.objectContaining({
        level: 40, provider: 'flexprice', method: 'POST', route: '/events/usage', status: 200, violations: [offSpecViolation], mode: 'warn',
      })]);
    });

    it('unified: the report is built and the response carries the Warning', async () => {
      warn.flexprice.respond(() => ({ status: 200, body: offSpecUsage }));
      const answer = await call(`${warn.gateway.url}/v1/usage/query`, { body: flexpriceQuery });
      expect(answer.status).toBe(200);
      expect([answer.body.value, answer.body.eventCount]).toStrictEqual([5, 5]);
      expect(answer.headers.get('warning')).toBe(offSpecWarning);
    });

    it('unified Sequence: every call of a windowed query is checked; one Warning per distinct finding', async () => {
      warn.sequence.respond(() => ({ status: 200, body: partialCalculation }));
      const answer = await call(`${warn.gateway.url}/v1/usage/query`, { body: { ...sequenceQuery, to: '2026-11-01T00:00:00Z', windowSize: 'MONTH' } });
      expect(answer.status).toBe(200);
      // The whole period, then its two MONTH windows: three calls, the same finding three times, one Warning.
      expect(warn.sequence.requests).toHaveLength(3);
      expect(answer.headers.get('warning')).toBe('199 usage-gateway "sequence answered outside its spec: /body/eventType: is required (and 2 more)"');
    });

    it('unified: an off-spec error body still maps to the error it is, with the Warning', async () => {
      warn.flexprice.respond(() => ({ status: 400, body: offSpecError }));
      const answer = await call(`${warn.gateway.url}/v1/usage/query`, { body: flexpriceQuery });
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('upstream_invalid_request');
      expect(answer.headers.get('warning')).toMatch(/^199 usage-gateway "flexprice answered outside its spec: \/body\/code: must be one of: /);
    });

    it('answers within the spec carry no Warning', async () => {
      warn.flexprice.respond(() => ({ status: 200, body: { value: 5, event_name: 'api_request', type: 'COUNT' } }));
      const native = await call(`${warn.gateway.url}/v1/native/flexprice/events/usage`, { body: usageBody });
      const unified = await call(`${warn.gateway.url}/v1/usage/query`, { body: flexpriceQuery });
      expect([native.status, unified.status]).toStrictEqual([200, 200]);
      expect([native.headers.get('warning'), unified.headers.get('warning')]).toStrictEqual([null, null]);
    });
  });

  describe('strict: 502 upstream_contract_violation listing the violations', () => {
    const violation = (status: number, provider: string, detail: string, errors: { path: string; message: string }[]) => ({
      type: 'https://usage-gateway.dev/problems/upstream-contract-violation',
      title: 'The provider answered outside its specification',
      status: 502,
      detail,
      code: 'upstream_contract_violation',
      errors,
      requestId: expect.any(String),
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      provider,
      upstreamStatus: status,
      retryable: false,
    });

    it('native', async () => {
      strict.flexprice.respond(() => ({ status: 200, body: offSpecUsage }));
      const answer = await call(`${strict.gateway.url}/v1/native/flexprice/events/usage`, { body: usageBody });
      expect(answer.status).toBe(502);
      expect(answer.body).toStrictEqual(violation(200, 'flexprice', 'flexprice answered 200 outside its specification: /body/event_name: must be string', [offSpecViolation]));
      expect(answer.headers.get('warning')).toBeNull();
    });

    it('native: a body that is not the declared media type', async () => {
      strict.sequence.respond(() => ({ status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } }));
      const answer = await call(`${strict.gateway.url}${calculatePath}`);
      expect(answer.status).toBe(502);
      expect(answer.body.errors).toStrictEqual([{ path: '/headers/content-type', message: 'is text/html; the spec declares application/json' }]);
    });

    it('native: a status the operation does not declare', async () => {
      strict.svix.respond(() => ({ status: 201, body: {} }));
      const answer = await call(`${strict.gateway.url}/v1/native/svix/api/v1/background-task/qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2`);
      expect(answer.status).toBe(502);
      expect(answer.body.errors).toStrictEqual([{ path: '/status', message: '201 is not declared for GET /api/v1/background-task/{task_id} (declared: 200, 400, 401, 403, 404, 409, 422, 429)' }]);
    });

    it('unified', async () => {
      strict.sequence.respond(() => ({ status: 200, body: partialCalculation }));
      const answer = await call(`${strict.gateway.url}/v1/usage/query`, { body: sequenceQuery });
      expect(answer.status).toBe(502);
      expect(answer.body).toStrictEqual(violation(200, 'sequence', 'sequence answered 200 outside its specification: /body/eventType: is required (and 2 more)', partialViolations));
    });

    it('unified: an off-spec error body', async () => {
      strict.flexprice.respond(() => ({ status: 400, body: offSpecError }));
      const answer = await call(`${strict.gateway.url}/v1/usage/query`, { body: flexpriceQuery });
      expect(answer.status).toBe(502);
      expect(answer.body.code).toBe('upstream_contract_violation');
      expect(answer.body.upstreamStatus).toBe(400);
      expect(answer.body.errors.map((item: { path: string }) => item.path)).toStrictEqual(['/body/code']);
    });

    it('answers within the spec pass as they are', async () => {
      strict.sequence.respond(() => ({ status: 200, body: { ...partialCalculation, name: 'API requests', metricType: 'SIMPLE', eventType: 'api_request', unit: 'requests' } }));
      const native = await call(`${strict.gateway.url}${calculatePath}`);
      const unified = await call(`${strict.gateway.url}/v1/usage/query`, { body: sequenceQuery });
      expect([native.status, unified.status]).toStrictEqual([200, 200]);
      expect(unified.body.value).toBe(4);
    });
  });
});
