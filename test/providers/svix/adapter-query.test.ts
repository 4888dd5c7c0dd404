import { createSvixAdapter, type SvixAdapterOptions } from '../../../src/providers/svix/adapter';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import accepted from '../../fixtures/svix/stats-accepted.json';
import acceptedAllResolved from '../../fixtures/svix/stats-accepted-all-resolved.json';
import { rejection, svixQuery, viewError } from './support';

const token = 'testsk_kN3XqE9vJ2wPzQ8rT.eu';

function svixAdapter(overrides: Partial<SvixAdapterOptions> = {}) {
  return createSvixAdapter({
    id: 'svix-eu',
    mode: 'live',
    token,
    timeoutMs: 2000,
    limits: { maxUpstreamCalls: 10, upstreamConcurrency: 4 },
    ...overrides,
  });
}

/** The headers that carry meaning for Svix, as the fake upstream received them. */
function svixHeaders(headers: Record<string, string | string[] | undefined>) {
  return {
    authorization: headers.authorization,
    'idempotency-key': headers['idempotency-key'],
    'content-type': headers['content-type'],
    accept: headers.accept,
  };
}

describe('createSvixAdapter query()', () => {
  let upstream: FakeUpstream;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    upstream = await startFakeUpstream('svix');
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });
  afterAll(() => upstream.close());

  it('declares what Svix can answer', () => {
    const adapter = svixAdapter({ mode: 'sandbox', baseUrl: upstream.baseUrl });
    expect({ id: adapter.id, type: adapter.type, mode: adapter.mode, capabilities: adapter.capabilities }).toStrictEqual({
      id: 'svix-eu',
      type: 'svix',
      mode: 'sandbox',
      capabilities: {
        aggregations: ['count'],
        windowSizes: [],
        bucketSizes: [],
        filters: false,
        groupBy: false,
        async: true,
        customersRequired: false,
        multipleCustomers: true,
      },
    });
    expect(typeof adapter.poll).toStrictEqual('function');
  });

  it('starts a stats task with the period, the apps and the caller idempotency key, and returns it pending', async () => {
    upstream.respond(() => ({ status: 202, body: accepted }));
    const adapter = svixAdapter({ baseUrl: upstream.baseUrl, newIdempotencyKey: () => 'never-used' });
    const outcome = await adapter.query({
      query: svixQuery({ customers: ['checkout-prod', 'billing-legacy'] }),
      signal,
      idempotencyKey: 'caller-key-7f3a',
    });
    expect(outcome).toStrictEqual({
      kind: 'pending',
      upstreamTaskId: 'qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw',
      warnings: [{ code: 'unresolved_app_ids', message: 'Svix found no app for this id or uid: billing-legacy; the report covers the other apps' }],
    });
    expect(upstream.requests.map((request) => ({
      method: request.method,
      path: request.path,
      query: request.query,
      headers: svixHeaders(request.headers),
      body: request.body,
      violations: request.violations,
    }))).toStrictEqual([
      {
        method: 'POST',
        path: '/api/v1/stats/usage/app',
        query: {},
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': 'caller-key-7f3a',
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: { since: '2025-03-01T00:00:00Z', until: '2025-04-01T00:00:00Z', appIds: ['checkout-prod', 'billing-legacy'] },
        violations: [],
      },
    ]);
  });

  it('asks for every app without appIds, with a fresh key per query when the caller sent none', async () => {
    upstream.respond(() => ({ status: 202, body: acceptedAllResolved }));
    const keys = ['generated-1', 'generated-2'];
    const adapter = svixAdapter({ baseUrl: upstream.baseUrl, newIdempotencyKey: () => keys.shift() ?? 'exhausted' });
    const first = await adapter.query({ query: svixQuery(), signal });
    await adapter.query({ query: svixQuery(), signal, idempotencyKey: undefined });
    expect(first).toStrictEqual({ kind: 'pending', upstreamTaskId: 'qtask_mXNhctKC7AjvNiaDLe5DK7ovEVz', warnings: [] });
    expect(upstream.requests.map((request) => [request.headers['idempotency-key'], request.body, request.violations])).toStrictEqual([
      ['generated-1', { since: '2025-03-01T00:00:00Z', until: '2025-04-01T00:00:00Z' }, []],
      ['generated-2', { since: '2025-03-01T00:00:00Z', until: '2025-04-01T00:00:00Z' }, []],
    ]);
  });

  it('generates distinct keys that never start with the auto_ prefix Svix reserves', async () => {
    upstream.respond(() => ({ status: 202, body: acceptedAllResolved }));
    const adapter = svixAdapter({ baseUrl: upstream.baseUrl });
    await adapter.query({ query: svixQuery(), signal });
    await adapter.query({ query: svixQuery(), signal });
    const keys = upstream.requests.map((request) => String(request.headers['idempotency-key']));
    expect(keys.map((key) => /^usage-gateway-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(key))).toStrictEqual([true, true]);
    expect(keys[0] === keys[1]).toStrictEqual(false);
  });

  it.each([
    ['another metric', svixQuery({ metric: 'api_calls' }), '/body/metric'],
    ['an event property', svixQuery({ aggregation: 'count', property: 'bytes' }), '/body/property'],
    ['metric parameters', svixQuery({ parameters: { tier: 'gold' } }), '/body/parameters'],
    ['a customer that is no app id or uid', svixQuery({ customers: ['ok-app', 'not ok'] }), '/body/customers/1'],
  ])('refuses %s with a 422 before any upstream call', async (_case, query, path) => {
    const error = await rejection(svixAdapter({ baseUrl: upstream.baseUrl }).query({ query, signal }));
    expect([error.code, error.status, error.errors.map((item) => item.path)]).toStrictEqual(['unsupported_by_provider', 422, [path]]);
    expect(upstream.requests.length).toStrictEqual(0);
  });

  it('calls a 202 without a task id a contract violation', async () => {
    upstream.respond(() => ({ status: 202, body: { ...accepted, id: undefined } }));
    const error = await rejection(svixAdapter({ baseUrl: upstream.baseUrl }).query({ query: svixQuery(), signal }));
    expect(viewError(error)).toStrictEqual({
      code: 'upstream_contract_violation',
      status: 502,
      detail: 'svix-eu: the accepted stats task has no id',
      errors: [],
      provider: 'svix-eu',
      upstreamStatus: undefined,
      retryable: false,
      headers: {},
    });
  });

  it('lets a caller abort through untouched', async () => {
    upstream.respond(() => ({ status: 202, body: accepted, delayMs: 300 }));
    const controller = new AbortController();
    const pending = svixAdapter({ baseUrl: upstream.baseUrl }).query({ query: svixQuery(), signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const outcome = await pending.then(() => 'resolved', (error: unknown) => error);
    expect(outcome).toBe(controller.signal.reason);
  });
});

describe('createSvixAdapter regional base URL', () => {
  const signal = new AbortController().signal;

  /** A fetch that records the URL it was asked for and answers like Svix. */
  function recordingFetch(urls: string[], answer = () => Response.json(accepted, { status: 202 })): typeof fetch {
    return async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return answer();
    };
  }

  it.each([
    ['us', 'https://api.us.svix.com/api/v1/stats/usage/app'],
    ['eu', 'https://api.eu.svix.com/api/v1/stats/usage/app'],
    ['in', 'https://api.in.svix.com/api/v1/stats/usage/app'],
    ['ca', 'https://api.ca.svix.com/api/v1/stats/usage/app'],
    ['au', 'https://api.au.svix.com/api/v1/stats/usage/app'],
    ['xx', 'https://api.svix.com/api/v1/stats/usage/app'],
  ])('sends a token ending in .%s to %s', async (region, expected) => {
    const urls: string[] = [];
    await svixAdapter({ token: `testsk_kN3XqE9vJ2wPzQ8rT.${region}`, fetch: recordingFetch(urls) }).query({ query: svixQuery(), signal });
    expect(urls).toStrictEqual([expected]);
  });

  it('sends a token without a region suffix to api.svix.com, and polls there too', async () => {
    const urls: string[] = [];
    const adapter = svixAdapter({ token: 'testsk_kN3XqE9vJ2wPzQ8rT', fetch: recordingFetch(urls) });
    await adapter.query({ query: svixQuery(), signal });
    await adapter.poll?.({ query: svixQuery(), upstreamTaskId: 'qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw', warnings: [], signal });
    expect(urls).toStrictEqual([
      'https://api.svix.com/api/v1/stats/usage/app',
      'https://api.svix.com/api/v1/background-task/qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw',
    ]);
  });

  it('calls a success body that is not JSON a contract violation', async () => {
    const notJson = () => new Response('<html>maintenance</html>', { status: 202, headers: { 'content-type': 'text/html' } });
    const error = await rejection(svixAdapter({ fetch: recordingFetch([], notJson) }).query({ query: svixQuery(), signal }));
    expect([error.code, error.status, error.detail]).toStrictEqual(['upstream_contract_violation', 502, 'svix-eu: answered with a body that is not JSON']);
  });
});
