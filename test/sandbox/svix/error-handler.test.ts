import express from 'express';
import request from 'supertest';
import { svixErrorHandler } from '../../../src/sandbox/svix/error-handler';
import { httpError } from '../../../src/sandbox/svix/errors';

function appThrowing(error: unknown) {
  const logged: object[] = [];
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(svixErrorHandler({ bodyLimit: '2 MiB', logger: { error: (details) => logged.push(details) } }));
  return { app, logged };
}

describe('svixErrorHandler', () => {
  it('answers a simulator error as is, without logging a 4xx', async () => {
    const { app, logged } = appThrowing(httpError(409, 'conflict', 'taken'));
    const response = await request(app).get('/boom');
    expect(response.status).toBe(409);
    expect(response.body).toStrictEqual({ code: 'conflict', detail: 'taken' });
    expect(logged).toStrictEqual([]);
  });

  it('turns a response that breaks the spec into a loud, logged 500 naming the violation', async () => {
    const violation = Object.assign(new Error('/response must have required property \'data\''), {
      status: 500,
      errors: [{ path: '/response/data', message: "must have required property 'data'" }],
    });
    const { app, logged } = appThrowing(violation);
    const response = await request(app).get('/boom');
    expect(response.status).toBe(500);
    expect(response.body).toStrictEqual({
      code: 'server_error',
      detail: "The simulator's response violates the Svix spec: /response must have required property 'data'",
    });
    expect(logged).toStrictEqual([{ err: violation, method: 'GET', path: '/boom' }]);
  });

  it.each([
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [409, 'generic_error'],
  ])('keeps a validator %i as an HttpErrorOut with code %s', async (status, code) => {
    const { app, logged } = appThrowing(Object.assign(new Error('refused'), { status, errors: [{ path: '/boom', message: 'refused' }] }));
    const response = await request(app).get('/boom');
    expect(response.status).toBe(status);
    expect(response.body).toStrictEqual({ code, detail: 'refused' });
    expect(logged).toStrictEqual([]);
  });

  it.each([new Error('secret internals'), 'a thrown string'])('masks and logs anything unexpected (%p)', async (thrown) => {
    const { app, logged } = appThrowing(thrown);
    const response = await request(app).get('/boom');
    expect(response.status).toBe(500);
    expect(response.body).toStrictEqual({ code: 'server_error', detail: 'Internal Server Error' });
    expect(logged).toStrictEqual([{ err: thrown, method: 'GET', path: '/boom' }]);
  });
});
