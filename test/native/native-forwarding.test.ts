/**
 * What crosses the gateway on a native call, seen from both ends: the fake providers record what
 * they receive (their validators check it against the provider's spec), and they answer with
 * what each test scripts.
 */
import { startFakeUpstream, type RecordedRequest } from '../helpers/fake-upstream';
import { call, gatewayKey, providerSecrets, rawPathCall, rawSocketCall, sequenceBasic, startFakeGateway, type FakeSetup } from './native-gateway';

const usageBody = { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme' };
const taskId = 'qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2';
const task = { data: {}, id: taskId, status: 'running', task: 'application.stats', updatedAt: '2026-09-01T00:00:00.000000Z' };

/** Every header value a provider received, as one string to search. */
const allHeaders = (requests: readonly RecordedRequest[]) => JSON.stringify(requests.map((request) => request.headers));

describe('native forwarding', () => {
  let setup: FakeSetup;
  let url: string;
  beforeAll(async () => {
    setup = await startFakeGateway({ timeoutMs: 300 });
    url = setup.gateway.url;
  });
  afterAll(() => setup.close());
  beforeEach(() => {
    for (const fake of [setup.flexprice, setup.sequence, setup.svix]) fake.requests.length = 0;
  });

  describe('credential substitution', () => {
    it('Flexprice gets the gateway\'s x-api-key, never the caller\'s key, cookies or forwarding headers', async () => {
      setup.flexprice.respond(() => ({ status: 200, body: { value: 3, event_name: 'api_request', type: 'COUNT' } }));
      const answer = await call(`${url}/v1/native/flexprice/events/usage?`, {
        body: usageBody,
        headers: { 'x-api-key': gatewayKey, cookie: 'session=abc', 'x-forwarded-host': 'evil.example', 'user-agent': 'caller-agent/1.0', 'x-custom': 'dropped' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toStrictEqual({ value: 3, event_name: 'api_request', type: 'COUNT' });
      const [received] = setup.flexprice.requests;
      expect(received?.violations).toStrictEqual([]);
      expect(received?.body).toStrictEqual(usageBody);
      expect(received?.headers['x-api-key']).toBe(providerSecrets.flexpriceApiKey);
      expect(received?.headers['user-agent']).toBe('caller-agent/1.0');
      for (const absent of ['authorization', 'cookie', 'x-forwarded-host', 'x-custom']) expect(received?.headers[absent]).toBeUndefined();
      expect(allHeaders(setup.flexprice.requests)).not.toContain(gatewayKey);
    });

    it('Sequence gets Basic over the configured client id and secret, and the API version', async () => {
      setup.sequence.respond(() => ({ status: 200, body: { name: 'n', metricType: 'SIMPLE', eventType: 'e', aggregationType: 'COUNT', eventCount: 2, value: 2, unit: null, minEventId: null, maxEventId: null } }));
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/m%201/calculate?customerAliases=acme,globex&periodStart=2026-09-01&periodEnd=2026-09-30`, {
        headers: { authorization: `Basic ${Buffer.from(`${gatewayKey}:`).toString('base64')}` },
      });
      expect(answer.status).toBe(200);
      const [received] = setup.sequence.requests;
      expect(received?.violations).toStrictEqual([]);
      expect(received?.path).toBe('/api/usage-metrics/m%201/calculate');
      expect(received?.query).toStrictEqual({ customerAliases: 'acme,globex', periodStart: '2026-09-01', periodEnd: '2026-09-30' });
      expect(received?.headers.authorization).toBe(sequenceBasic);
      expect(received?.headers['sequence-version']).toBe('2024-07-30');
      expect(allHeaders(setup.sequence.requests)).not.toContain(Buffer.from(gatewayKey).toString('base64').slice(0, 20));
    });

    it('Svix gets the gateway\'s Bearer token and the caller\'s idempotency key', async () => {
      setup.svix.respond(() => ({ status: 202, body: { ...task, unresolvedAppIds: [] } }));
      const body = { since: '2026-09-01T00:00:00.000Z', until: '2026-10-01T00:00:00.000Z', appIds: ['acme'] };
      const answer = await call(`${url}/v1/native/svix/api/v1/stats/usage/app`, { body, headers: { 'idempotency-key': 'caller-key-1' } });
      expect(answer.status).toBe(202);
      const [received] = setup.svix.requests;
      expect(received?.headers.authorization).toBe(`Bearer ${providerSecrets.svixToken}`);
      expect(received?.headers['idempotency-key']).toBe('caller-key-1');
      expect(received?.body).toStrictEqual(body);
      expect(allHeaders(setup.svix.requests)).not.toContain(gatewayKey);
    });

    it('the provider\'s credentials never reach the caller, even when it echoes them', async () => {
      setup.svix.respond(() => ({
        status: 401,
        headers: { 'x-ratelimit-limit': `10 for ${providerSecrets.svixToken}` },
        body: { code: 'authentication_failed', detail: `Token "Bearer ${providerSecrets.svixToken}" was refused` },
      }));
      const answer = await call(`${url}/v1/native/svix/api/v1/background-task/${taskId}`);
      expect(answer.status).toBe(401);
      expect(answer.body).toStrictEqual({ code: 'authentication_failed', detail: 'Token "Bearer [redacted]" was refused' });
      expect(answer.headers.get('x-ratelimit-limit')).toBe('10 for [redacted]');
      expect(answer.text).not.toContain(providerSecrets.svixToken);
    });

    it('nor Sequence\'s Basic credentials', async () => {
      setup.sequence.respond((request) => ({ status: 400, body: { error: { type: 'validationError', message: `bad header ${String(request.headers.authorization)}` } } }));
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/m1/calculate?customerAliases=a&periodStart=2026-09-01&periodEnd=2026-09-30`);
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({ error: { type: 'validationError', message: 'bad header Basic [redacted]' } });
    });
  });

  describe('responses', () => {
    it('come back with the provider\'s status, body bytes and meaningful headers; Location points at the gateway', async () => {
      const raw = { value: 1e-7, event_name: 'api_request', type: 'COUNT' };
      setup.flexprice.respond(() => ({
        status: 200,
        body: raw,
        headers: { 'x-request-id': 'flexprice-req-1', 'retry-after': '3', location: `${setup.flexprice.baseUrl}/events/usage?page=2`, 'set-cookie': 'tracking=1', 'x-internal': 'secret-ish' },
      }));
      const answer = await call(`${url}/v1/native/flexprice/events/usage`, { body: usageBody });
      expect(answer.text).toBe(JSON.stringify(raw));
      expect(answer.headers.get('x-upstream-request-id')).toBe('flexprice-req-1');
      expect(answer.headers.get('x-request-id')).not.toBe('flexprice-req-1');
      expect(answer.headers.get('retry-after')).toBe('3');
      expect(answer.headers.get('location')).toBe('/v1/native/flexprice/events/usage?page=2');
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(answer.headers.get('x-internal')).toBeNull();
    });

    it('a provider redirect comes back to the caller unfollowed: the provider credentials go nowhere else', async () => {
      const elsewhere = await startFakeUpstream('flexprice', '/v1');
      try {
        elsewhere.respond(() => ({ status: 200, body: { value: 3, event_name: 'api_request', type: 'COUNT' } }));
        setup.flexprice.respond(() => ({ status: 307, headers: { location: `${elsewhere.baseUrl}/events/usage` } }));
        const answer = await fetch(`${url}/v1/native/flexprice/events/usage`, {
          method: 'POST',
          redirect: 'manual',
          headers: { authorization: `Bearer ${gatewayKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(usageBody),
        });
        expect([answer.status, answer.headers.get('location')]).toStrictEqual([307, `${elsewhere.baseUrl}/events/usage`]);
        expect([setup.flexprice.requests.length, elsewhere.requests]).toStrictEqual([1, []]);
      } finally {
        await elsewhere.close();
      }
    });

    it('a provider that does not answer in time: 504 upstream_timeout', async () => {
      setup.svix.respond(() => ({ status: 200, body: task, delayMs: 1000 }));
      const answer = await call(`${url}/v1/native/svix/api/v1/background-task/${taskId}`);
      expect(answer.status).toBe(504);
      expect(answer.body).toMatchObject({ code: 'upstream_timeout', provider: 'svix', detail: 'svix did not answer within 300 ms' });
    });
  });

  describe('request targets', () => {
    it('reaches the operation whatever the letter case of /v1/native, and from an absolute-form target', async () => {
      setup.flexprice.respond(() => ({ status: 200, body: { value: 3, event_name: 'api_request', type: 'COUNT' } }));
      const mixedCase = await call(`${url}/V1/Native/flexprice/events/usage`, { body: usageBody });
      // The request target a client sends through a forward proxy: `POST http://host/v1/native/...`.
      const absolute = await rawPathCall(url, `${url}/v1/native/flexprice/events/usage`, usageBody);
      expect([mixedCase.status, absolute.status]).toStrictEqual([200, 200]);
      expect(setup.flexprice.requests.map((request) => [request.method, request.path, request.body])).toStrictEqual([['POST', '/v1/events/usage', usageBody], ['POST', '/v1/events/usage', usageBody]]);
    });
  });

  describe('header injection', () => {
    it('CR/LF inside a header value never reaches a provider: Node refuses the request', async () => {
      const response = await rawSocketCall(url, [
        `GET /v1/native/svix/api/v1/background-task/${taskId} HTTP/1.1`,
        `Host: 127.0.0.1`,
        `Authorization: Bearer ${gatewayKey}`,
        'Idempotency-Key: a\rX-Api-Key: injected',
        'Connection: close',
        '',
        '',
      ].join('\r\n'));
      expect(response.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(setup.svix.requests).toStrictEqual([]);
    });

    it('an encoded CR/LF in the query stays encoded on the way upstream', async () => {
      setup.sequence.respond(() => ({ status: 200, body: { name: 'n', metricType: 'SIMPLE', eventType: 'e', aggregationType: 'COUNT', eventCount: 0, value: 0 } }));
      const answer = await call(`${url}/v1/native/sequence/usage-metrics/m1/calculate?customerAliases=a%0D%0AX-Injected:%201&periodStart=2026-09-01&periodEnd=2026-09-30`);
      expect(answer.status).toBe(200);
      const [received] = setup.sequence.requests;
      expect(received?.query.customerAliases).toBe('a\r\nX-Injected: 1');
      expect(received?.headers['x-injected']).toBeUndefined();
    });
  });
});

describe('native forwarding to a provider that cannot be reached', () => {
  it('answers 503 upstream_unavailable', async () => {
    const setup = await startFakeGateway();
    try {
      await setup.svix.close();
      const answer = await call(`${setup.gateway.url}/v1/native/svix/api/v1/background-task/${taskId}`);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'upstream_unavailable', provider: 'svix', detail: 'svix cannot be reached', retryable: true });
    } finally {
      await setup.close().catch(() => undefined);
    }
  });
});
