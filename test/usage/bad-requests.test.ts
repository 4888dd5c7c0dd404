/**
 * Bad requests: each gets a 4xx problem+json naming the field, never a 5xx, and never reaches
 * a provider.
 */
import request from 'supertest';
import { createFlexpriceAdapter } from '../../src/providers/flexprice/adapter';
import { createSequenceAdapter } from '../../src/providers/sequence/adapter';
import { createSvixAdapter } from '../../src/providers/svix/adapter';
import { fakeProvider } from '../helpers/fake-provider';
import { testApp } from '../helpers/test-app';

const valid = { provider: 'fake', metric: 'api_calls', from: '2024-03-01T00:00:00Z', to: '2024-03-08T00:00:00Z' };
const flexprice = { ...valid, provider: 'fp' };
const sequence = { ...valid, provider: 'seq', metric: 'mtr_1', customers: ['acme'] };
const svix = { ...valid, provider: 'svix', metric: 'message_destinations' };

interface Case {
  name: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  code: string;
  path: string;
}

const cases: Case[] = [
  { name: 'missing provider', body: { ...valid, provider: undefined }, status: 400, code: 'validation_failed', path: '/body/provider' },
  { name: 'missing metric', body: { ...valid, metric: undefined }, status: 400, code: 'validation_failed', path: '/body/metric' },
  { name: 'missing from', body: { ...valid, from: undefined }, status: 400, code: 'validation_failed', path: '/body/from' },
  { name: 'missing to', body: { ...valid, to: undefined }, status: 400, code: 'validation_failed', path: '/body/to' },
  { name: 'from not a date-time', body: { ...valid, from: '2024-03-01' }, status: 400, code: 'validation_failed', path: '/body/from' },
  { name: 'to is a number', body: { ...valid, to: 1709251200 }, status: 400, code: 'validation_failed', path: '/body/to' },
  { name: 'metric empty', body: { ...valid, metric: '' }, status: 400, code: 'validation_failed', path: '/body/metric' },
  { name: 'provider id with slash', body: { ...valid, provider: '../etc' }, status: 400, code: 'validation_failed', path: '/body/provider' },
  { name: 'unknown aggregation', body: { ...valid, aggregation: 'median' }, status: 400, code: 'validation_failed', path: '/body/aggregation' },
  { name: 'unknown window size', body: { ...valid, windowSize: 'day' }, status: 400, code: 'validation_failed', path: '/body/windowSize' },
  { name: 'customers not an array', body: { ...valid, customers: 'acme' }, status: 400, code: 'validation_failed', path: '/body/customers' },
  { name: 'empty customer id', body: { ...valid, customers: [''] }, status: 400, code: 'validation_failed', path: '/body/customers/0' },
  { name: 'duplicate customers', body: { ...valid, customers: ['a', 'a'] }, status: 400, code: 'validation_failed', path: '/body/customers' },
  { name: 'filters values not strings', body: { ...valid, filters: { region: [1] } }, status: 400, code: 'validation_failed', path: '/body/filters/region/0' },
  { name: 'multiplier not a decimal', body: { ...valid, aggregation: 'sum_with_multiplier', property: 'n', multiplier: '1e3' }, status: 400, code: 'validation_failed', path: '/body/multiplier' },
  { name: 'waitSeconds over the limit', body: { ...valid, waitSeconds: 31 }, status: 400, code: 'validation_failed', path: '/body/waitSeconds' },
  { name: 'unknown include', body: { ...valid, include: ['everything'] }, status: 400, code: 'validation_failed', path: '/body/include/0' },
  { name: 'unknown field', body: { ...valid, start_time: '2024-03-01T00:00:00Z' }, status: 400, code: 'validation_failed', path: '/body/start_time' },
  { name: 'from equals to', body: { ...valid, to: valid.from }, status: 400, code: 'validation_failed', path: '/body/to' },
  { name: 'from after to', body: { ...valid, from: valid.to, to: valid.from }, status: 400, code: 'validation_failed', path: '/body/to' },
  { name: 'sum without property on Flexprice', body: { ...flexprice, aggregation: 'sum' }, status: 400, code: 'validation_failed', path: '/body/property' },
  { name: 'sub-second from on Flexprice', body: { ...flexprice, from: '2024-03-01T00:00:00.250Z' }, status: 422, code: 'unsupported_by_provider', path: '/body/from' },
  { name: 'avg over several customers on Flexprice', body: { ...flexprice, aggregation: 'avg', property: 'n', customers: ['a', 'b'] }, status: 422, code: 'unsupported_by_provider', path: '/body/customers' },
  { name: 'property on Sequence', body: { ...sequence, property: 'bytes' }, status: 422, code: 'unsupported_by_provider', path: '/body/property' },
  { name: 'Sequence period not on UTC midnights', body: { ...sequence, from: '2024-03-01T12:00:00Z' }, status: 422, code: 'unsupported_by_provider', path: '/body/from' },
  { name: 'another metric on Svix', body: { ...svix, metric: 'messages' }, status: 422, code: 'unsupported_by_provider', path: '/body/metric' },
  { name: 'multiplier without sum_with_multiplier', body: { ...valid, aggregation: 'sum', property: 'n', multiplier: '2' }, status: 400, code: 'validation_failed', path: '/body/multiplier' },
  { name: 'zero multiplier', body: { ...valid, aggregation: 'sum_with_multiplier', property: 'n', multiplier: '0' }, status: 400, code: 'validation_failed', path: '/body/multiplier' },
  { name: 'windowSize and bucketSize together', body: { ...valid, aggregation: 'sum', property: 'n', windowSize: 'DAY', bucketSize: 'HOUR' }, status: 400, code: 'validation_failed', path: '/body/bucketSize' },
  { name: 'billingAnchor without MONTH', body: { ...valid, windowSize: 'DAY', billingAnchor: '2024-01-15T00:00:00Z' }, status: 400, code: 'validation_failed', path: '/body/billingAnchor' },
  { name: 'unknown provider', body: { ...valid, provider: 'nope' }, status: 404, code: 'provider_not_found', path: '/body/provider' },
  { name: 'malformed JSON', raw: '{"provider": "fake",', status: 400, code: 'malformed_json', path: '/body' },
  { name: 'body is not an object', body: ['fake'], status: 400, code: 'validation_failed', path: '/body' },
  { name: 'not JSON at all', raw: 'provider=fake', contentType: 'text/plain', status: 415, code: 'unsupported_media_type', path: '' },
  { name: 'oversized body', raw: JSON.stringify({ ...valid, metric: 'x'.repeat(70_000) }), status: 413, code: 'payload_too_large', path: '/body' },
  { name: 'period over the limit', body: { ...valid, to: '2025-12-01T00:00:00Z' }, status: 422, code: 'limit_exceeded', path: '/body/to' },
  { name: 'too many windows', body: { ...valid, windowSize: 'MINUTE' }, status: 422, code: 'limit_exceeded', path: '/body/windowSize' },
  { name: 'too many customers', body: { ...valid, customers: Array.from({ length: 51 }, (_v, index) => `c${index}`) }, status: 422, code: 'limit_exceeded', path: '/body/customers' },
  { name: 'avg on Sequence', body: { ...sequence, aggregation: 'avg', property: 'n' }, status: 422, code: 'unsupported_by_provider', path: '/body/aggregation' },
  { name: 'sub-day window on Sequence', body: { ...sequence, windowSize: 'HOUR' }, status: 422, code: 'unsupported_by_provider', path: '/body/windowSize' },
  { name: 'no customers for Sequence', body: { ...sequence, customers: undefined }, status: 422, code: 'unsupported_by_provider', path: '/body/customers' },
  { name: 'filters on Sequence', body: { ...sequence, filters: { region: ['eu'] } }, status: 422, code: 'unsupported_by_provider', path: '/body/filters' },
  { name: 'window on Svix', body: { ...svix, windowSize: 'DAY' }, status: 422, code: 'unsupported_by_provider', path: '/body/windowSize' },
  { name: 'sum on Svix', body: { ...svix, aggregation: 'sum', property: 'n' }, status: 422, code: 'unsupported_by_provider', path: '/body/aggregation' },
];

describe('bad requests to POST /v1/usage/query', () => {
  // Real adapters whose every upstream call is recorded: none may happen.
  const upstreamCalls: string[] = [];
  const recordingFetch: typeof fetch = async (input) => {
    upstreamCalls.push(String(input instanceof Request ? input.url : input));
    return new Response(null, { status: 500 });
  };
  const common = { mode: 'live' as const, timeoutMs: 1000, limits: { maxUpstreamCalls: 10, upstreamConcurrency: 2 }, fetch: recordingFetch };
  const fake = fakeProvider({ id: 'fake' });
  const app = testApp([
    fake,
    createFlexpriceAdapter({ ...common, id: 'fp', apiKey: 'fp-key' }),
    createSequenceAdapter({ ...common, id: 'seq', clientId: 'id', clientSecret: 'secret' }),
    createSvixAdapter({ ...common, id: 'svix', token: 'sk_test.eu' }),
  ]);

  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name → $status $code naming $path', async (testCase) => {
    const call = request(app).post('/v1/usage/query');
    const response = testCase.raw !== undefined
      ? await call.set('content-type', testCase.contentType ?? 'application/json').send(testCase.raw)
      : await call.send(testCase.body as object);
    expect(response.status).toBe(testCase.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(testCase.code);
    expect(response.body.status).toBe(testCase.status);
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    if (testCase.path) expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(testCase.path);
    expect(response.body.detail).toEqual(expect.any(String));
    expect(fake.queries).toStrictEqual([]);
    expect(upstreamCalls).toStrictEqual([]);
  });
});

describe('bad requests elsewhere', () => {
  const app = testApp([fakeProvider()]);

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await request(app).get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('route_not_found');
  });

  it('answers a wrong method with 405 problem+json', async () => {
    const response = await request(app).delete('/v1/usage/query');
    expect(response.status).toBe(405);
    expect(response.body.code).toBe('method_not_allowed');
  });

  it('answers a malformed task id with 400 naming it', async () => {
    const response = await request(app).get('/v1/usage/tasks/has%20space');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('/path/taskId');
  });
});
