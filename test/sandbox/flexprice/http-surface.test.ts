/** What happens before a handler runs: routing, auth, request ids, and paths that are not ours. */
import request from 'supertest';
import { createFlexpriceSimulator } from '../../../src/sandbox/flexprice';
import { apiKey, basePath, createHarness } from './support';

const usageBody = { event_name: 'x', aggregation_type: 'COUNT' };

describe('Flexprice simulator routing and auth', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  it('accepts any configured key', async () => {
    const response = await request(harness.app).post(`${basePath}/events/usage`).set('x-api-key', 'another-key').send(usageBody);
    expect([response.status, response.body]).toStrictEqual([200, { event_name: 'x', type: 'COUNT' }]);
  });

  it('answers 401 {"error":"Unauthorized"} without a key or with an unknown one, before reading the body', async () => {
    for (const key of [undefined, '', 'wrong', apiKey.toUpperCase(), `${apiKey}x`]) {
      let call = request(harness.app).post(`${basePath}/events/usage`);
      if (key !== undefined) call = call.set('x-api-key', key);
      const response = await call.send('{not json');
      expect([response.status, response.body]).toStrictEqual([401, { error: 'Unauthorized' }]);
    }
  });

  it('answers the middleware\'s own 401 for an Authorization header that is not Bearer', async () => {
    const basic = await request(harness.app).post(`${basePath}/events`).set('authorization', 'Basic abc').send({});
    expect([basic.status, basic.body]).toStrictEqual([401, { error: 'Invalid authorization header format' }]);
    const bearer = await request(harness.app).post(`${basePath}/events`).set('authorization', 'Bearer some.jwt').send({});
    expect([bearer.status, bearer.body]).toStrictEqual([401, { error: 'Unauthorized' }]);
  });

  it('answers gin\'s plain-text 404 for unknown paths and methods under the base path, even without a key', async () => {
    const calls = [
      request(harness.app).post(`${basePath}/events/query`),
      request(harness.app).get(`${basePath}/events/usage`).set('x-api-key', apiKey),
      request(harness.app).put(`${basePath}/events`),
      request(harness.app).post(`${basePath}/Events/usage`),
      request(harness.app).post(basePath),
    ];
    for (const call of calls) {
      const response = await call;
      expect([response.status, response.headers['content-type'], response.text]).toStrictEqual([404, 'text/plain', '404 page not found']);
    }
  });

  it('redirects a POST with a trailing slash with 307, as gin does', async () => {
    const response = await request(harness.app).post(`${basePath}/events/usage/?a=1`).send(usageBody);
    expect([response.status, response.headers.location]).toStrictEqual([307, `${basePath}/events/usage?a=1`]);
  });

  it('leaves paths outside the base path to the rest of the app', async () => {
    for (const path of ['/v1/events/usage', `${basePath}x/events`, '/sandbox/flexprice']) {
      const response = await request(harness.app).post(path).set('x-api-key', apiKey).send(usageBody);
      expect([response.status, response.body]).toStrictEqual([418, { passedThrough: true }]);
    }
  });

  it('sets X-Request-ID on every answer', async () => {
    const answers = await Promise.all([
      harness.usage(usageBody),
      request(harness.app).post(`${basePath}/events/usage`).send(usageBody),
      request(harness.app).get(`${basePath}/nope`),
    ]);
    for (const response of answers) expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(answers.map((response) => response.headers['x-request-id'])).size).toBe(3);
  });

  it('ignores query parameters, as gin does for ones it does not bind', async () => {
    const response = await request(harness.app).post(`${basePath}/events/usage?debug=1`).set('x-api-key', apiKey).send(usageBody);
    expect([response.status, response.body]).toStrictEqual([200, { event_name: 'x', type: 'COUNT' }]);
  });

  it('refuses a JSON body that is not an object, naming the body', async () => {
    for (const body of ['null', '3', '"x"', '[]']) {
      const response = await harness.usage(body).set('content-type', 'application/json');
      expect([response.status, response.body]).toStrictEqual([400, { code: 'validation_error', message: 'Please check the request payload', http_status_code: 400, details: { body: 'must be object' } }]);
    }
  });

  it('refuses a body over 32 MiB as a bind failure', async () => {
    const huge = JSON.stringify({ event_name: 'x', external_customer_id: 'c', properties: { blob: 'a'.repeat(32 * 1024 * 1024) } });
    const response = await harness.post('/events', huge).set('content-type', 'application/json');
    expect([response.status, response.body]).toStrictEqual([400, { code: 'validation_error', message: 'Invalid request payload', http_status_code: 400, details: { body: 'is larger than 32 MiB' } }]);
  });

});

describe('createFlexpriceSimulator options', () => {
  const valid = { basePath, apiKeys: [apiKey], maxEvents: 10, now: () => 0 };

  it('refuses a base path that does not start with a slash or ends with one', () => {
    for (const path of ['sandbox/v1', '/sandbox/v1/', '', '/']) {
      expect(() => createFlexpriceSimulator({ ...valid, basePath: path })).toThrow(
        new TypeError(`basePath must start with "/" and not end with one, got ${JSON.stringify(path)}`),
      );
    }
  });

  it('refuses a negative or fractional maxEvents and empty keys', () => {
    expect(() => createFlexpriceSimulator({ ...valid, maxEvents: -1 })).toThrow(new TypeError('maxEvents must be a whole number >= 0, got -1'));
    expect(() => createFlexpriceSimulator({ ...valid, maxEvents: 1.5 })).toThrow(new TypeError('maxEvents must be a whole number >= 0, got 1.5'));
    expect(() => createFlexpriceSimulator({ ...valid, apiKeys: [''] })).toThrow(new TypeError('apiKeys must be non-empty strings'));
  });
});
