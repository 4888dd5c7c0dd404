import { createSvixAdapter } from '../../../src/providers/svix/adapter';
import type { GatewayError } from '../../../src/errors';
import { startFakeUpstream, type FakeUpstream, type ScriptedResponse } from '../../helpers/fake-upstream';
import authError from '../../fixtures/svix/error-auth.json';
import httpError from '../../fixtures/svix/error-http.json';
import validation from '../../fixtures/svix/error-validation.json';
import { rejection, svixQuery, viewError } from './support';

const token = 'testsk_kN3XqE9vJ2wPzQ8rT.eu';
const signal = new AbortController().signal;

function svixAdapter(baseUrl: string, timeoutMs = 2000) {
  return createSvixAdapter({ id: 'svix-eu', mode: 'live', baseUrl, token, timeoutMs, limits: { maxUpstreamCalls: 10, upstreamConcurrency: 4 } });
}

/** Everything about an error a caller or a log could see, flattened to one string. */
function everything(error: GatewayError): string {
  return JSON.stringify({ ...viewError(error), message: error.message, problem: error.toProblem('request-1'), stack: error.stack });
}

describe('createSvixAdapter upstream errors', () => {
  let upstream: FakeUpstream;

  beforeAll(async () => {
    upstream = await startFakeUpstream('svix');
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });
  afterAll(() => upstream.close());

  const cases: [string, ScriptedResponse, Partial<ReturnType<typeof viewError>>][] = [
    ['400 HttpErrorOut', { status: 400, body: httpError }, { code: 'upstream_invalid_request', status: 422, detail: 'svix-eu answered 400: The requested range is too long (validation)', upstreamStatus: 400, retryable: false }],
    [
      '422 HTTPValidationError',
      { status: 422, body: validation },
      { code: 'upstream_invalid_request', status: 422, detail: 'svix-eu answered 422: None of the given app IDs or UIDs were found; until must be after since', upstreamStatus: 422, retryable: false },
    ],
    ['409 HttpErrorOut', { status: 409, body: { code: 'conflict', detail: 'Conflict' } }, { code: 'upstream_invalid_request', status: 422, detail: 'svix-eu answered 409: Conflict (conflict)', upstreamStatus: 409, retryable: false }],
    ['401', { status: 401, body: authError }, { code: 'upstream_auth_failed', status: 502, detail: 'svix-eu answered 401', upstreamStatus: 401, retryable: false }],
    ['403', { status: 403, body: { code: 'forbidden', detail: 'Forbidden' } }, { code: 'upstream_auth_failed', status: 502, detail: 'svix-eu answered 403', upstreamStatus: 403, retryable: false }],
    ['404', { status: 404, body: { code: 'not_found', detail: 'Not Found' } }, { code: 'upstream_not_found', status: 404, detail: 'svix-eu answered 404: Not Found (not_found)', upstreamStatus: 404, retryable: false }],
    [
      '429 with Retry-After',
      { status: 429, body: { code: 'rate_limited', detail: 'Too many requests' }, headers: { 'Retry-After': '3' } },
      { code: 'upstream_rate_limited', status: 503, detail: 'svix-eu answered 429: Too many requests (rate_limited)', upstreamStatus: 429, retryable: true, headers: { 'Retry-After': '3' } },
    ],
    ['429 without Retry-After', { status: 429, body: { code: 'rate_limited', detail: 'Slow down' } }, { code: 'upstream_rate_limited', status: 503, detail: 'svix-eu answered 429: Slow down (rate_limited)', upstreamStatus: 429, retryable: true }],
    ['500 with a text body', { status: 500, body: 'Internal Server Error' }, { code: 'upstream_error', status: 502, detail: 'svix-eu answered 500: Internal Server Error', upstreamStatus: 500, retryable: true }],
    ['503 with an empty body', { status: 503 }, { code: 'upstream_error', status: 502, detail: 'svix-eu answered 503', upstreamStatus: 503, retryable: true }],
  ];

  it.each(cases)('maps a stats %s', async (_case, reply, expected) => {
    upstream.respond(() => reply);
    const error = await rejection(svixAdapter(upstream.baseUrl).query({ query: svixQuery({ customers: ['checkout-prod'] }), signal }));
    expect(viewError(error)).toStrictEqual({ errors: [], provider: 'svix-eu', headers: {}, ...expected });
    expect(everything(error).includes(token)).toStrictEqual(false);
    expect(upstream.requests.map((request) => request.violations)).toStrictEqual([[]]);
  });

  it.each(cases)('maps a background-task %s', async (_case, reply, expected) => {
    upstream.respond(() => reply);
    const svix = svixAdapter(upstream.baseUrl);
    const error = await rejection(Promise.resolve(svix.poll?.({ query: svixQuery(), upstreamTaskId: 'qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw', warnings: [], signal })));
    expect(viewError(error)).toStrictEqual({ errors: [], provider: 'svix-eu', headers: {}, ...expected });
    expect(upstream.requests.map((request) => request.violations)).toStrictEqual([[]]);
  });

  it('never repeats the token, even when Svix echoes it', async () => {
    upstream.respond(() => ({ status: 400, body: { code: 'invalid_header', detail: `Authorization "Bearer ${token}" is malformed` } }));
    const error = await rejection(svixAdapter(upstream.baseUrl).query({ query: svixQuery(), signal }));
    expect(error.detail).toStrictEqual('svix-eu answered 400: Authorization "Bearer [redacted]" is malformed (invalid_header)');
    expect(everything(error).includes(token)).toStrictEqual(false);
  });

  it('answers 504 when Svix is slower than timeoutMs', async () => {
    upstream.respond(() => ({ status: 202, body: {}, delayMs: 400 }));
    const error = await rejection(svixAdapter(upstream.baseUrl, 100).query({ query: svixQuery(), signal }));
    expect(viewError(error)).toStrictEqual({
      code: 'upstream_timeout',
      status: 504,
      detail: 'svix-eu did not answer within 100 ms',
      errors: [],
      provider: 'svix-eu',
      upstreamStatus: undefined,
      retryable: true,
      headers: {},
    });
  });

  it('answers 503 when nothing listens', async () => {
    const closed = await startFakeUpstream('svix');
    await closed.close();
    const error = await rejection(svixAdapter(closed.baseUrl).query({ query: svixQuery(), signal }));
    expect(viewError(error)).toStrictEqual({
      code: 'upstream_unavailable',
      status: 503,
      detail: 'svix-eu cannot be reached',
      errors: [],
      provider: 'svix-eu',
      upstreamStatus: undefined,
      retryable: true,
      headers: {},
    });
    expect(everything(error).includes(token)).toStrictEqual(false);
  });
});
