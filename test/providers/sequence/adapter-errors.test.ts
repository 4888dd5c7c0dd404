import { GatewayError } from '../../../src/errors';
import { createSequenceAdapter, type SequenceAdapterOptions } from '../../../src/providers/sequence/adapter';
import type { UsageQuery } from '../../../src/usage/model';
import { startFakeUpstream, type FakeUpstream, type ScriptedResponse } from '../../helpers/fake-upstream';
import { sequenceAuthorization, sequenceCredentials, sequenceFixture, sequenceQuery } from './support';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream('sequence', '/api');
});
beforeEach(() => {
  upstream.requests.length = 0;
});
afterAll(() => upstream.close());

async function failure(query: UsageQuery, overrides: Partial<SequenceAdapterOptions> = {}): Promise<GatewayError> {
  const provider = createSequenceAdapter({
    id: 'sequence-eu',
    mode: 'live',
    baseUrl: upstream.baseUrl,
    ...sequenceCredentials,
    timeoutMs: 2000,
    limits: { maxUpstreamCalls: 10, upstreamConcurrency: 3 },
    ...overrides,
  });
  const error: unknown = await provider.query({ query, signal: new AbortController().signal }).then(
    () => new Error('expected the query to fail'),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof GatewayError)) throw error;
  // Whatever went wrong, the credentials stay out of what a caller or a log could see.
  const visible = JSON.stringify([error.toProblem('request-1'), error.message, error.headers, String(error.cause)]);
  for (const secret of [sequenceCredentials.clientSecret, sequenceAuthorization.slice(6)]) expect(visible.includes(secret)).toBe(false);
  return error;
}

const summary = (error: GatewayError) => ({
  code: error.code,
  status: error.status,
  detail: error.detail,
  upstreamStatus: error.upstreamStatus,
  retryable: error.retryable,
  headers: error.headers,
});

describe('Sequence error responses', () => {
  it.each<[string, ScriptedResponse, ReturnType<typeof summary>]>([
    ['400 validation', { status: 400, body: sequenceFixture('error-validation') }, {
      code: 'upstream_invalid_request', status: 422, upstreamStatus: 400, retryable: false, headers: {},
      detail: 'sequence-eu answered 400: validationError: Request data validation failed (periodStart: periodStart should be a date; customerAliases should not be blank)',
    }],
    ['400 database errors', { status: 400, body: sequenceFixture('error-database') }, {
      code: 'upstream_invalid_request', status: 422, upstreamStatus: 400, retryable: false, headers: {},
      detail: 'sequence-eu answered 400: Invalid provided usage metric id; customerAliases: unknown alias',
    }],
    ['422', { status: 422, body: { error: { type: 'Unprocessable', message: 'periodEnd before periodStart' } } }, {
      code: 'upstream_invalid_request', status: 422, upstreamStatus: 422, retryable: false, headers: {},
      detail: 'sequence-eu answered 422: Unprocessable: periodEnd before periodStart',
    }],
    ['401', { status: 401, body: { error: { type: 'Unauthorized', message: 'Bad credentials client-123' } } }, {
      code: 'upstream_auth_failed', status: 502, upstreamStatus: 401, retryable: false, headers: {}, detail: 'sequence-eu answered 401',
    }],
    ['403 with an empty body', { status: 403 }, {
      code: 'upstream_auth_failed', status: 502, upstreamStatus: 403, retryable: false, headers: {}, detail: 'sequence-eu answered 403',
    }],
    ['404 unknown metric', { status: 404, body: sequenceFixture('error-not-found') }, {
      code: 'upstream_not_found', status: 404, upstreamStatus: 404, retryable: false, headers: {},
      detail: 'sequence-eu answered 404: NotFound: Usage metric 0190a8c2-0000-7000-8000-000000000000 not found',
    }],
    ['429', { status: 429, headers: { 'Retry-After': '30' } }, {
      code: 'upstream_rate_limited', status: 503, upstreamStatus: 429, retryable: true, headers: { 'Retry-After': '30' },
      detail: 'sequence-eu answered 429',
    }],
    ['500', { status: 500, body: { error: { type: 'InternalError', message: 'Something went wrong' } } }, {
      code: 'upstream_error', status: 502, upstreamStatus: 500, retryable: true, headers: {},
      detail: 'sequence-eu answered 500: InternalError: Something went wrong',
    }],
    ['503 with an empty body', { status: 503 }, {
      code: 'upstream_error', status: 502, upstreamStatus: 503, retryable: true, headers: {}, detail: 'sequence-eu answered 503',
    }],
  ])('maps %s', async (_name, reply, expected) => {
    upstream.respond(() => reply);
    expect(summary(await failure(sequenceQuery()))).toStrictEqual(expected);
    expect(upstream.requests.map((request) => request.violations)).toStrictEqual([[]]);
  });

  it('maps a slow answer to upstream_timeout', async () => {
    upstream.respond(() => ({ status: 200, body: sequenceFixture('calculate-sum'), delayMs: 500 }));
    const error = await failure(sequenceQuery(), { timeoutMs: 50 });
    expect([error.code, error.status, error.detail]).toStrictEqual(['upstream_timeout', 504, 'sequence-eu did not answer within 50 ms']);
  });

  it('maps a closed port to upstream_unavailable', async () => {
    const closed = await startFakeUpstream('sequence', '/api');
    await closed.close();
    const error = await failure(sequenceQuery(), { baseUrl: closed.baseUrl });
    expect([error.code, error.status, error.detail]).toStrictEqual(['upstream_unavailable', 503, 'sequence-eu cannot be reached']);
  });

  it('maps a 200 outside the spec to upstream_contract_violation', async () => {
    upstream.respond(() => ({ status: 200, body: { aggregationType: 'COUNT', value: 3 } }));
    const error = await failure(sequenceQuery());
    expect([error.code, error.status, error.detail]).toStrictEqual([
      'upstream_contract_violation',
      502,
      'sequence-eu answered 200 outside its specification: /eventCount: Invalid input: expected number, received undefined',
    ]);
  });

  it('maps a 200 that is not JSON to upstream_contract_violation', async () => {
    const fetch: typeof globalThis.fetch = async () => new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const error = await failure(sequenceQuery(), { fetch });
    expect([error.code, error.detail]).toStrictEqual(['upstream_contract_violation', 'sequence-eu answered 200 outside its specification: the body is not JSON']);
  });

  it('fails the query when one window call fails', async () => {
    upstream.respond((request) =>
      request.query.periodStart === '2024-03-03' ? { status: 500 } : { status: 200, body: sequenceFixture('calculate-count-no-unit') });
    const error = await failure(sequenceQuery({ to: '2024-03-10T00:00:00Z', windowSize: 'WEEK' }));
    expect([error.code, error.detail]).toStrictEqual(['upstream_error', 'sequence-eu answered 500']);
    expect(upstream.requests).toHaveLength(3);
  });

  it('answers 422 when the metric aggregates differently, before any window call', async () => {
    upstream.respond(() => ({ status: 200, body: sequenceFixture('calculate-sum') }));
    const error = await failure(sequenceQuery({ aggregation: 'count_unique', windowSize: 'WEEK' }));
    expect([error.code, error.status, error.errors]).toStrictEqual([
      'unsupported_by_provider',
      422,
      [{ path: '/body/aggregation', message: 'Sequence metric metric-1 aggregates SUM (sum), not count_unique; ask for aggregation sum or omit it' }],
    ]);
    expect(upstream.requests).toHaveLength(1);
  });

  it('lets a caller abort through untouched', async () => {
    upstream.respond(() => ({ status: 200, body: sequenceFixture('calculate-sum'), delayMs: 500 }));
    const caller = new AbortController();
    const provider = createSequenceAdapter({
      id: 'sequence-eu', mode: 'live', baseUrl: upstream.baseUrl, ...sequenceCredentials, timeoutMs: 2000,
      limits: { maxUpstreamCalls: 10, upstreamConcurrency: 3 },
    });
    const running = provider.query({ query: sequenceQuery(), signal: caller.signal });
    setTimeout(() => caller.abort(), 20);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('Sequence refusals before any call', () => {
  it.each<[string, Partial<UsageQuery>, string, string]>([
    ['a from inside a day', { from: '2024-03-01T06:00:00Z' }, '/body/from', 'Sequence counts whole UTC days: from must be a UTC midnight, e.g. 2024-03-01T00:00:00Z'],
    ['a to in another offset', { to: '2024-04-01T00:00:00-05:00' }, '/body/to', 'Sequence counts whole UTC days: to must be a UTC midnight, e.g. 2024-04-02T00:00:00Z'],
    ['an alias with a comma', { customers: ['ok', 'acme,inc'] }, '/body/customers/1', 'Sequence takes customer aliases as one comma-separated list, so an alias cannot contain a comma'],
  ])('refuses %s', async (_name, overrides, path, message) => {
    const error = await failure(sequenceQuery(overrides));
    expect([error.code, error.status, error.provider, error.errors]).toStrictEqual(['unsupported_by_provider', 422, 'sequence-eu', [{ path, message }]]);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses windows needing more calls than maxUpstreamCalls', async () => {
    const error = await failure(sequenceQuery({ windowSize: 'DAY' }), { limits: { maxUpstreamCalls: 31, upstreamConcurrency: 3 } });
    expect([error.code, error.status, error.errors.map((violation) => violation.path)]).toStrictEqual(['limit_exceeded', 422, ['/body/windowSize']]);
    expect(upstream.requests).toHaveLength(0);
  });
});
