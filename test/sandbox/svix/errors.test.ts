import request from 'supertest';
import { createSvixSimulator } from '../../../src/sandbox/svix';
import { AUTH, BASE, harness, STATS, TASKS, TOKEN } from './harness';

const since = '2025-01-01T00:00:00Z';
const until = '2025-01-02T00:00:00Z';
const h = harness();

describe('authentication', () => {
  it.each([
    [{}, 'Missing or malformed Authorization header: expected `Bearer <token>`.'],
    [{ authorization: TOKEN }, 'Missing or malformed Authorization header: expected `Bearer <token>`.'],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, 'Missing or malformed Authorization header: expected `Bearer <token>`.'],
    [{ authorization: 'Bearer wrong-token' }, 'Incorrect authentication credentials.'],
    [{ authorization: `Bearer ${TOKEN}x` }, 'Incorrect authentication credentials.'],
  ])('answers 401 authentication_failed for %j', async (headers, detail) => {
    const response = await h.post(STATS, { since, until }, headers);
    expect(response.status).toBe(401);
    expect(response.body).toStrictEqual({ code: 'authentication_failed', detail });
    expect(JSON.stringify(response.body)).not.toContain(TOKEN);
  });

  it('accepts every configured token and a lower-case scheme', async () => {
    expect((await h.post(STATS, { since, until }, { authorization: 'Bearer second-token' })).status).toBe(202);
    expect((await h.post(STATS, { since, until }, { authorization: `bearer ${TOKEN}` })).status).toBe(202);
  });

  it('checks credentials on the task route as well', async () => {
    const response = await h.get(`${TASKS}/qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2`, {});
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('authentication_failed');
  });
});

describe('routing', () => {
  it('answers 404 not_found for an unknown path under the base path, before authentication', async () => {
    const response = await h.get(`${BASE}/api/v1/app`, {});
    expect(response.status).toBe(404);
    expect(response.body).toStrictEqual({ code: 'not_found', detail: `No route for GET ${BASE}/api/v1/app` });
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await h.get(STATS);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.body).toStrictEqual({ code: 'method_not_allowed', detail: 'GET is not allowed here; use POST.' });
  });

  it('answers 405 for HEAD, which the spec does not declare', async () => {
    const response = await request(h.app).head(`${TASKS}/qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2`).set('authorization', AUTH);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
  });

  it('lets requests outside the base path through untouched', async () => {
    const response = await request(h.app).post('/v1/usage/query').set('content-type', 'application/json').send('{not json');
    expect(response.status).toBe(418);
    expect(response.body).toStrictEqual({ passedThrough: '/v1/usage/query' });
    expect((await request(h.app).get('/sandbox/svixy/api/v1/stats/usage/app')).status).toBe(418);
  });
});

describe('request bodies', () => {
  it('answers 422 value_error.jsondecode for a body that is not JSON', async () => {
    const response = await h.post(STATS, '{"since": ', { authorization: AUTH, 'content-type': 'application/json' });
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc: ['body'], msg: 'Unexpected end of JSON input', type: 'value_error.jsondecode' }] });
  });

  it.each([
    ['text/plain', 'since=2025'],
    [undefined, undefined],
  ])('answers 422 for a body sent as %s', async (contentType, body) => {
    const headers: Record<string, string> = { authorization: AUTH };
    if (contentType) headers['content-type'] = contentType;
    const response = await h.post(STATS, body, headers);
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({
      detail: [{ loc: ['body'], msg: 'Expected request with `Content-Type: application/json`', type: 'value_error.jsondecode' }],
    });
  });

  it('answers 413 payload_too_large past 2 MiB', async () => {
    const response = await h.post(STATS, { since, until, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toStrictEqual({ code: 'payload_too_large', detail: 'The request body is larger than 2 MiB.' });
  });

  it.each([
    [{ until }, ['body', 'since'], 'missing field `since`', 'value_error.jsondecode'],
    [{ since }, ['body', 'until'], 'missing field `until`', 'value_error.jsondecode'],
    [{ since: 1735689600, until }, ['body', 'since'], 'must be string', 'value_error.jsondecode'],
    [{ since: '2025-01-01', until }, ['body', 'since'], 'must match format "date-time"', 'value_error.jsondecode'],
    [{ since, until, appIds: 'acme' }, ['body', 'appIds'], 'must be array,null', 'value_error.jsondecode'],
    [{ since, until, appIds: ['acme', 7] }, ['body', 'appIds', '[1]'], 'must be string', 'value_error.jsondecode'],
    [{ since, until, appIds: ['ok', 'not ok'] }, ['body', 'appIds', '[1]'], 'must match pattern "^[a-zA-Z0-9\\-_.]+$"', 'value_error'],
    [{ since, until, appIds: [''] }, ['body', 'appIds', '[0]'], 'must NOT have fewer than 1 characters', 'value_error'],
    [{ since, until, appIds: ['a', 'a'] }, ['body', 'appIds'], 'must NOT have duplicate items (items ## 0 and 1 are identical)', 'value_error'],
    [[since, until], ['body'], 'must be object', 'value_error.jsondecode'],
  ])('answers 422 for %j', async (body, loc, msg, type) => {
    const response = await h.post(STATS, body);
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc, msg, type }] });
  });

  it('ignores unknown query parameters, as Svix does', async () => {
    expect((await h.post(`${STATS}?debug=1`, { since, until })).status).toBe(202);
  });
});

describe('task ids', () => {
  it.each([
    ['qtask_short', 'must NOT have fewer than 33 characters'],
    ['qtask_1srOrx2ZWZBpBUvZwXKQmoEYga!', 'must match pattern "^qtask_[A-Za-z0-9]{27}$"'],
  ])('answers 422 for the malformed id %s', async (id, msg) => {
    const response = await h.get(`${TASKS}/${encodeURIComponent(id)}`);
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc: ['path', 'task_id'], msg, type: 'value_error' }] });
  });
});

describe('createSvixSimulator options', () => {
  const valid = { basePath: BASE, tokens: [TOKEN], maxEvents: 10, now: () => 0 };
  it.each([
    [{ basePath: 'sandbox/svix' }, 'basePath must start with "/" and not end with one'],
    [{ basePath: '/sandbox/svix/' }, 'basePath must start with "/" and not end with one'],
    [{ tokens: [] }, 'tokens must hold at least one non-empty token'],
    [{ tokens: [''] }, 'tokens must hold at least one non-empty token'],
    [{ maxEvents: 0 }, 'maxEvents must be a positive integer'],
    [{ taskDelayMs: -1 }, 'taskDelayMs must be a non-negative number'],
    [{ maxTasks: 1.5 }, 'maxTasks must be a positive integer'],
  ])('refuses %j', (override, message) => {
    expect(() => createSvixSimulator({ ...valid, ...override })).toThrow(new TypeError(`createSvixSimulator: ${message}`));
  });
});

afterAll(() => {
  expect(h.unexpected).toStrictEqual([]);
});
