import request from 'supertest';
import { AUTH, BASE, CLIENT_ID, CLIENT_SECRET, createHarness } from './harness';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('authentication', () => {
  const harness = createHarness();

  it('answers 401 Unauthorized without an Authorization header', async () => {
    const response = await request(harness.app).get(`${BASE}/usage-metrics`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="Sequence"');
    expect(response.body).toStrictEqual({
      error: { type: 'Unauthorized', message: 'Send your API credentials as Authorization: Basic base64(clientId:clientSecret)' },
    });
  });

  it.each([
    ['a wrong secret', basic(`${CLIENT_ID}:wrong`)],
    ['a wrong client id', basic(`other:${CLIENT_SECRET}`)],
    ['no colon', basic(`${CLIENT_ID}${CLIENT_SECRET}`)],
    ['the secret alone', basic(CLIENT_SECRET)],
  ])('answers 401 for %s, without echoing any credential', async (_case, header) => {
    const response = await request(harness.app).get(`${BASE}/usage-metrics`).set('Authorization', header);
    expect(response.status).toBe(401);
    expect(response.body).toStrictEqual({ error: { type: 'Unauthorized', message: 'The API credentials are not valid' } });
    expect(JSON.stringify(response.body)).not.toContain(CLIENT_SECRET);
  });

  it.each([['Bearer', `Bearer ${CLIENT_SECRET}`], ['a bare token', AUTH.slice('Basic '.length)], ['not base64', 'Basic %%%']])(
    'answers 401 for %s',
    async (_case, header) => {
      const response = await request(harness.app).get(`${BASE}/usage-metrics`).set('Authorization', header);
      expect(response.status).toBe(401);
      expect(response.body.error.type).toBe('Unauthorized');
    },
  );

  it('accepts the scheme in any case', async () => {
    const response = await request(harness.app).get(`${BASE}/usage-metrics`).set('Authorization', AUTH.replace('Basic', 'basic'));
    expect(response.status).toBe(200);
  });

  it('checks credentials before routing, so unknown paths do not leak', async () => {
    const response = await request(harness.app).get(`${BASE}/customers`);
    expect(response.status).toBe(401);
  });
});

describe('Sequence-Version', () => {
  const harness = createHarness();
  const unrecognised = {
    error: { type: 'UnrecognisedApiVersion', message: 'No matching API version found. Please make sure the specified API version is valid.' },
  };

  it('defaults to the latest version and names it on the response', async () => {
    const response = await harness.get('/usage-metrics');
    expect(response.status).toBe(200);
    expect(response.headers['sequence-version']).toBe('2024-07-30');
  });

  it('accepts 2024-07-30', async () => {
    const response = await harness.get('/usage-metrics').set('Sequence-Version', '2024-07-30');
    expect(response.status).toBe(200);
    expect(response.headers['sequence-version']).toBe('2024-07-30');
  });

  it.each(['2017-01-01', '2024-05-09', 'latest', ''])('refuses %j with 400 UnrecognisedApiVersion', async (version) => {
    const response = await harness.get('/usage-metrics').set('Sequence-Version', version);
    expect(response.status).toBe(400);
    expect(response.headers['sequence-version']).toBe('2024-07-30');
    expect(response.body).toStrictEqual(unrecognised);
  });

  it('checks the version before the credentials', async () => {
    const response = await request(harness.app).get(`${BASE}/usage-metrics`).set('Sequence-Version', '2017-01-01');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(unrecognised);
  });

  it('names the version on error responses too', async () => {
    const response = await request(harness.app).get(`${BASE}/usage-metrics`);
    expect(response.status).toBe(401);
    expect(response.headers['sequence-version']).toBe('2024-07-30');
  });
});

describe('routing', () => {
  const harness = createHarness();

  it.each(['/customers', '', '/usage-metrics/some-id'])('answers 404 NotFound for GET %j', async (path) => {
    const response = await harness.get(path);
    expect(response.status).toBe(404);
    expect(response.body).toStrictEqual({ error: { type: 'NotFound', message: `No route matches GET ${BASE}${path}` } });
  });

  it('answers 405 MethodNotAllowed for a method the path does not have', async () => {
    const response = await request(harness.app).delete(`${BASE}/usage-events`).set('Authorization', AUTH);
    expect(response.status).toBe(405);
    expect(response.body).toStrictEqual({ error: { type: 'MethodNotAllowed', message: `DELETE is not allowed on ${BASE}/usage-events` } });
  });

  it('passes requests outside its base path on to the app', async () => {
    for (const path of ['/v1/usage/query', '/sandbox/sequence/apiary', '/sandbox/flexprice/v1/events']) {
      const response = await request(harness.app).get(path);
      expect(response.status).toBe(418);
      expect(response.body).toStrictEqual({ passedOn: path });
    }
  });

  it('refuses query parameters the operation does not declare, naming them', async () => {
    const response = await harness.get('/usage-metrics?name=calls');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual({
      error: {
        type: 'validationError',
        message: 'Request data validation failed',
        errors: [{ code: 'validationError', message: 'name is not a query parameter of this operation', key: 'name' }],
      },
    });
  });

  it('reports no unexpected errors', () => {
    expect(harness.unexpected).toStrictEqual([]);
  });
});
