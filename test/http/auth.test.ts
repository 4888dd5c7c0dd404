import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { fakeProvider } from '../helpers/fake-provider';
import { testApp } from '../helpers/test-app';

const key = 'ug_live_0123456789abcdef';
const query = { provider: 'fake', metric: 'api_calls', from: '2024-03-01T00:00:00Z', to: '2024-03-08T00:00:00Z' };

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('gateway API keys', () => {
  const { logger, lines } = capturedLogger();
  const provider = fakeProvider();
  const app = testApp([provider], { apiKeys: [key, 'ug_other_key_9876543210'], logger });

  type Client = ReturnType<typeof request>;
  const routes: [string, (client: Client) => request.Test][] = [
    ['POST /v1/usage/query', (client) => client.post('/v1/usage/query').send(query)],
    ['GET /v1/usage/tasks/{taskId}', (client) => client.get('/v1/usage/tasks/ugt_x')],
    ['GET /v1/providers', (client) => client.get('/v1/providers')],
    ['GET /v1/providers/{providerId}', (client) => client.get('/v1/providers/fake')],
    ['an unknown /v1 route', (client) => client.get('/v1/anything')],
  ];

  it.each(routes)('%s refuses a missing key with 401 problem+json', async (_name, call) => {
    const response = await call(request(app));
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="usage-gateway"');
    expect(response.body.code).toBe('unauthorized');
  });

  it.each(routes)('%s refuses a wrong key', async (_name, call) => {
    const response = await call(request(app)).set('Authorization', `Bearer ${key}x`);
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe('The gateway API key is not valid');
  });

  it.each([
    ['Bearer', { Authorization: `Bearer ${key}` }],
    ['x-api-key', { 'x-api-key': key }],
    ['Basic user name', { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }],
    ['Basic user name with a password', { Authorization: `Basic ${Buffer.from(`${key}:anything`).toString('base64')}` }],
  ])('accepts the key as %s', async (_name, headers) => {
    const response = await request(app).post('/v1/usage/query').set(headers).send(query);
    expect(response.status).toBe(200);
  });

  it('accepts every configured key', async () => {
    const response = await request(app).get('/v1/providers').set('x-api-key', 'ug_other_key_9876543210');
    expect(response.status).toBe(200);
  });

  it('refuses other schemes and a key split across headers', async () => {
    expect((await request(app).get('/v1/providers').set('Authorization', `Token ${key}`)).status).toBe(401);
    expect((await request(app).get('/v1/providers').set('Authorization', 'Bearer')).status).toBe(401);
    expect((await request(app).get('/v1/providers').set('Authorization', `Basic ${Buffer.from(`x:${key}`).toString('base64')}`)).status).toBe(401);
  });

  it('leaves liveness and the spec open', async () => {
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/openapi.json')).status).toBe(200);
  });

  it('never writes a key into the logs', async () => {
    await request(app).get('/v1/providers').set('Authorization', `Bearer ${key}`);
    await request(app).get('/v1/providers').set('x-api-key', `${key}-wrong`);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(key);
  });
});

describe('without API keys', () => {
  it('serves /v1 without a key', async () => {
    const response = await request(testApp([fakeProvider()])).get('/v1/providers');
    expect(response.status).toBe(200);
  });
});
