import { GatewayError } from '../../../src/errors';
import { createPooledFetch } from '../../../src/providers/pooled-fetch';
import type { UsageQuery } from '../../../src/usage/model';
import { startFakeUpstream, type FakeUpstream, type ScriptedResponse } from '../../helpers/fake-upstream';
import { adapterFor, apiKey } from './adapter-setup';
import { fixture } from './fixtures';

const base: UsageQuery = { provider: 'flexprice', metric: 'api_request', from: '2024-03-13T00:00:00Z', to: '2024-03-20T00:00:00Z' };

interface Failure {
  code: string;
  status: number;
  detail: string;
  errors: unknown;
  upstreamStatus: number | undefined;
  retryable: boolean | undefined;
  headers: Record<string, string>;
}

/** The error a query fails with, after checking the API key appears nowhere in it. */
async function failureOf(promise: Promise<unknown>): Promise<Failure> {
  const error: unknown = await promise.then(
    () => new Error('expected the query to fail'),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GatewayError)) throw error;
  const everything = JSON.stringify({ problem: error.toProblem('req_1'), message: error.message, cause: String(error.cause), headers: error.headers });
  expect(everything.includes(apiKey)).toBe(false);
  const { code, status, detail, errors, upstreamStatus, retryable, headers } = error;
  return { code, status, detail, errors, upstreamStatus, retryable, headers };
}

const upstreamFailure = (code: string, status: number, detail: string, upstreamStatus: number | undefined, retryable: boolean, headers = {}): Failure => ({
  code, status, detail, errors: [], upstreamStatus, retryable, headers,
});

describe('createFlexpriceAdapter errors', () => {
  let upstream: FakeUpstream;
  const run = (query: UsageQuery = base, overrides = {}) => adapterFor(upstream, overrides).query({ query, signal: new AbortController().signal });
  beforeEach(async () => {
    upstream = await startFakeUpstream('flexprice', '/v1');
  });
  afterEach(() => upstream.close());

  it.each<[string, ScriptedResponse, Failure]>([
    ['a 400 validation error', { status: 400, body: fixture('error-validation') },
      upstreamFailure('upstream_invalid_request', 422, 'flexprice answered 400: The specified aggregation type is not supported (aggregation_type: FOO)', 400, false)],
    ['a 400 in the older error shape', { status: 400, body: fixture('error-legacy') },
      upstreamFailure('upstream_invalid_request', 422, 'flexprice answered 400: Multiplier must be greater than zero', 400, false)],
    ['a 422', { status: 422, body: fixture('error-bind') },
      upstreamFailure('upstream_invalid_request', 422, 'flexprice answered 422: Please check the request payload', 422, false)],
    ['a 400 that echoes the key', { status: 400, body: { message: `unknown key ${apiKey}` } },
      upstreamFailure('upstream_invalid_request', 422, 'flexprice answered 400: unknown key [redacted]', 400, false)],
    ['a 401', { status: 401, body: fixture('error-unauthorized') }, upstreamFailure('upstream_auth_failed', 502, 'flexprice answered 401', 401, false)],
    ['a 403', { status: 403, body: fixture('error-forbidden') }, upstreamFailure('upstream_auth_failed', 502, 'flexprice answered 403', 403, false)],
    ['a plain-text 404', { status: 404, body: '404 page not found' },
      upstreamFailure('upstream_not_found', 404, 'flexprice answered 404: 404 page not found', 404, false)],
    ['a 429', { status: 429, body: fixture('error-rate-limited'), headers: { 'Retry-After': '30' } },
      upstreamFailure('upstream_rate_limited', 503, 'flexprice answered 429: Rate limit exceeded', 429, true, { 'Retry-After': '30' })],
    ['a 500', { status: 500, body: fixture('error-database') },
      upstreamFailure('upstream_error', 502, 'flexprice answered 500: Failed to execute usage query (aggregation_type: SUM, event_name: api_request)', 500, true)],
    ['a 503 without a body', { status: 503 }, upstreamFailure('upstream_error', 502, 'flexprice answered 503', 503, true)],
    ['a 200 that is not a usage body', { status: 200, body: 'ok' },
      upstreamFailure('upstream_contract_violation', 502, 'flexprice answered outside its specification: the body is not an object', 200, false)],
  ])('maps %s', async (_name, reply, failure) => {
    upstream.respond(() => reply);
    expect(await failureOf(run())).toStrictEqual(failure);
    expect(upstream.requests.map((request) => [request.headers['x-api-key'], request.violations])).toStrictEqual([[apiKey, []]]);
  });

  it.each([
    ['the global fetch', undefined],
    ["the gateway's pooled fetch", 'pooled'],
  ] as const)('answers a redirect as an upstream error without following it, over %s (the API key stays where it was configured)', async (_name, fetchKind) => {
    const elsewhere = await startFakeUpstream('flexprice', '/v1');
    const pooled = fetchKind === 'pooled' ? createPooledFetch() : undefined;
    try {
      elsewhere.respond(() => ({ status: 200, body: fixture('scalar-count') }));
      upstream.respond(() => ({ status: 307, headers: { Location: `${elsewhere.baseUrl}/events/usage` } }));
      expect(await failureOf(run(base, { fetch: pooled?.fetch }))).toStrictEqual(
        upstreamFailure('upstream_error', 502, "flexprice answered 307, a redirect: provider redirects are not followed, so check the provider's baseUrl", 307, false),
      );
      expect([upstream.requests.length, elsewhere.requests]).toStrictEqual([1, []]);
    } finally {
      await pooled?.close();
      await elsewhere.close();
    }
  });

  it('maps an answer slower than timeoutMs to 504 upstream_timeout', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('scalar-count'), delayMs: 500 }));
    expect(await failureOf(run(base, { timeoutMs: 100 }))).toStrictEqual(
      upstreamFailure('upstream_timeout', 504, 'flexprice did not answer within 100 ms', undefined, true),
    );
  });

  it('maps a closed port to 503 upstream_unavailable', async () => {
    const closed = await startFakeUpstream('flexprice', '/v1');
    await closed.close();
    const adapter = adapterFor(closed);
    expect(await failureOf(adapter.query({ query: base, signal: new AbortController().signal }))).toStrictEqual(
      upstreamFailure('upstream_unavailable', 503, 'flexprice cannot be reached', undefined, true),
    );
  });

  it('fails a fan-out with the first customer that fails', async () => {
    upstream.respond((request) =>
      (request.body as { external_customer_id?: string }).external_customer_id === 'b'
        ? { status: 401, body: fixture('error-unauthorized') }
        : { status: 200, body: fixture('scalar-sum'), delayMs: 20 });
    const failure = await failureOf(run({ ...base, aggregation: 'sum', property: 'size', customers: ['a', 'b'] }));
    expect([failure.code, failure.upstreamStatus]).toStrictEqual(['upstream_auth_failed', 401]);
  });

  it('lets a caller abort through untouched', async () => {
    upstream.respond(() => ({ status: 200, body: fixture('scalar-count'), delayMs: 500 }));
    const caller = new AbortController();
    const query = adapterFor(upstream).query({ query: base, signal: caller.signal });
    setTimeout(() => caller.abort(new Error('client went away')), 20);
    await expect(query).rejects.toThrow('client went away');
  });

  const refusals: [string, UsageQuery, string, Record<string, unknown>?][] = [
    ['a sub-second from', { ...base, from: '2024-03-13T00:00:00.5Z' }, '/body/from'],
    ['a sub-second to', { ...base, to: '2024-03-19T23:59:59.999Z' }, '/body/to'],
    ['a bucketed count', { ...base, bucketSize: 'HOUR' }, '/body/bucketSize'],
    ['groupBy without a bucketed max', { ...base, aggregation: 'max', property: 'users', windowSize: 'HOUR', groupBy: 'region' }, '/body/groupBy'],
    ['a filter with no values', { ...base, filters: { region: [] } }, '/body/filters/region'],
    ['Sequence parameters', { ...base, parameters: { plan: 'pro' } }, '/body/parameters'],
    ['an avg across customers', { ...base, aggregation: 'avg', property: 'latency', customers: ['a', 'b'] }, '/body/customers'],
    ['more customers than calls allowed', { ...base, customers: ['a', 'b', 'c'] }, '/body/customers', { limits: { maxUpstreamCalls: 2, upstreamConcurrency: 2 } }],
  ];
  it.each(refusals)('refuses %s with 422 before any call', async (_name, query, path, overrides = {}) => {
    const failure = await failureOf(run(query, overrides));
    expect([failure.status, (failure.errors as { path: string }[]).map((error) => error.path), upstream.requests.length]).toStrictEqual([422, [path], 0]);
  });

  it('names what it supports when it refuses several customers', async () => {
    const failure = await failureOf(run({ ...base, aggregation: 'max', property: 'users', customers: ['a', 'b'] }));
    expect(failure).toStrictEqual({
      code: 'unsupported_by_provider',
      status: 422,
      detail: 'flexprice: Flexprice answers one customer per call and only count, sum, sum_with_multiplier add up across customers; ask max for one customer at a time',
      errors: [{
        path: '/body/customers',
        message: 'Flexprice answers one customer per call and only count, sum, sum_with_multiplier add up across customers; ask max for one customer at a time',
      }],
      upstreamStatus: undefined,
      retryable: undefined,
      headers: {},
    });
    expect(upstream.requests).toStrictEqual([]);
  });
});
