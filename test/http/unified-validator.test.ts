/**
 * The unified API's validation picks a validator by path: each literal path of the spec has its
 * own, the rest go to the whole spec's. A path reaches the same validation however it is spelled
 * the way Express routes it (any letter case, one trailing slash), and the whole spec still answers
 * for templates and unknown paths.
 */
import request from 'supertest';
import { fakeProvider } from '../helpers/fake-provider';
import { testApp } from '../helpers/test-app';

const valid = { provider: 'fake', metric: 'api_calls', from: '2024-03-01T00:00:00Z', to: '2024-03-08T00:00:00Z' };

describe('unified API validation by path', () => {
  const provider = fakeProvider();
  const app = testApp([provider]);

  it.each(['/v1/usage/query', '/v1/usage/query/', '/V1/Usage/Query'])('validates a query sent to %s and refuses its bad field', async (path) => {
    const refused = await request(app).post(path).send({ ...valid, from: '2024-03-01' });
    expect([refused.status, refused.body.code, refused.body.errors.map((error: { path: string }) => error.path)])
      .toStrictEqual([400, 'validation_failed', ['/body/from']]);
    const answered = await request(app).post(path).send(valid);
    expect(answered.status).toBe(200);
  });

  it('answers another method on a literal path with 405', async () => {
    const response = await request(app).get('/v1/usage/query');
    expect([response.status, response.body.code, response.headers.allow]).toStrictEqual([405, 'method_not_allowed', 'POST']);
  });

  it('refuses unknown query parameters on a literal path', async () => {
    const response = await request(app).get('/v1/providers?verbose=1');
    expect([response.status, response.body.code]).toStrictEqual([400, 'validation_failed']);
  });

  it('validates path templates through the whole spec', async () => {
    const response = await request(app).get('/v1/usage/tasks/has%20space');
    expect([response.status, response.body.errors[0].path]).toStrictEqual([400, '/path/taskId']);
  });

  it('answers an unknown path under /v1 with 404', async () => {
    const response = await request(app).post('/v1/usage/queries').send(valid);
    expect([response.status, response.body.code]).toStrictEqual([404, 'route_not_found']);
  });

  it('lets the probes through, their answers checked against the spec', async () => {
    const response = await request(app).get('/healthz');
    expect([response.status, response.body]).toStrictEqual([200, { status: 'ok' }]);
  });
});
