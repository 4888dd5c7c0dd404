import request from 'supertest';
import { GatewayError } from '../../src/errors';
import { allCapabilities, fakeProvider, reportFor } from '../helpers/fake-provider';
import { testApp } from '../helpers/test-app';

const query = { provider: 'fake', metric: 'api_calls', from: '2024-03-01T00:00:00Z', to: '2024-03-08T00:00:00Z' };

describe('POST /v1/usage/query', () => {
  it('answers the provider report', async () => {
    const provider = fakeProvider();
    const response = await request(testApp([provider])).post('/v1/usage/query').send(query);
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual(reportFor(query));
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(provider.queries.map((call) => call.query)).toStrictEqual([query]);
  });

  it('forwards the Idempotency-Key and echoes a safe X-Request-Id', async () => {
    const provider = fakeProvider();
    const response = await request(testApp([provider]))
      .post('/v1/usage/query')
      .set('Idempotency-Key', 'key-1')
      .set('X-Request-Id', 'req-123')
      .send(query);
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(provider.queries[0]?.idempotencyKey).toBe('key-1');
  });

  it('answers a provider error as problem+json with provider and upstream status', async () => {
    const provider = fakeProvider({
      answer: () => {
        throw new GatewayError('upstream_auth_failed', { detail: 'fake answered 401', provider: 'fake', upstreamStatus: 401, retryable: false });
      },
    });
    const response = await request(testApp([provider])).post('/v1/usage/query').set('X-Request-Id', 'r1').send(query);
    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toStrictEqual({
      type: 'https://usage-gateway.dev/problems/upstream-auth-failed',
      title: "The provider refused the gateway's credentials",
      status: 502,
      detail: 'fake answered 401',
      code: 'upstream_auth_failed',
      errors: [],
      provider: 'fake',
      upstreamStatus: 401,
      retryable: false,
      requestId: 'r1',
    });
  });

  it('masks unexpected failures as 500 without their message', async () => {
    const provider = fakeProvider({
      answer: () => {
        throw new Error('secret-token-123 exploded');
      },
    });
    const response = await request(testApp([provider])).post('/v1/usage/query').send(query);
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(JSON.stringify(response.body)).not.toContain('secret-token-123');
  });
});

describe('asynchronous providers', () => {
  const asyncCapabilities = { ...allCapabilities, async: true };

  it('answers 200 when the task finishes within waitSeconds', async () => {
    let polls = 0;
    const provider = fakeProvider({
      capabilities: asyncCapabilities,
      answer: () => ({ kind: 'pending', upstreamTaskId: 'up-1', warnings: [] }),
      poll: (options) => (++polls < 2 ? { kind: 'pending', upstreamTaskId: 'up-1', warnings: options.warnings } : { kind: 'complete', report: reportFor(options.query) }),
    });
    const response = await request(testApp([provider])).post('/v1/usage/query').send({ ...query, waitSeconds: 5 });
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual(reportFor(query));
    expect(provider.polls.map((poll) => poll.upstreamTaskId)).toStrictEqual(['up-1', 'up-1']);
  });

  it('answers 202 with a task, then the report from GET /v1/usage/tasks/{taskId}', async () => {
    let finished = false;
    const warnings = [{ code: 'unresolved_app_ids', message: 'app_x was not found' }];
    const provider = fakeProvider({
      capabilities: asyncCapabilities,
      answer: () => ({ kind: 'pending', upstreamTaskId: 'up-2', warnings }),
      poll: (options) => (finished ? { kind: 'complete', report: reportFor(options.query, { warnings: [...options.warnings] }) } : { kind: 'pending', upstreamTaskId: 'up-2', warnings: options.warnings }),
    });
    const app = testApp([provider]);
    const started = await request(app).post('/v1/usage/query').send({ ...query, waitSeconds: 0 });
    expect(started.status).toBe(202);
    const taskId: string = started.body.taskId;
    expect(started.headers.location).toBe(`/v1/usage/tasks/${taskId}`);
    expect(started.body).toStrictEqual({ taskId, status: 'pending', provider: 'fake', providerType: 'flexprice', metric: 'api_calls', from: query.from, to: query.to });

    const running = await request(app).get(`/v1/usage/tasks/${taskId}`);
    expect(running.status).toBe(202);
    expect(running.body).toStrictEqual(started.body);

    finished = true;
    const done = await request(app).get(`/v1/usage/tasks/${taskId}`);
    expect(done.status).toBe(200);
    expect(done.body).toStrictEqual(reportFor(query, { warnings }));
  });

  it('answers a failed task with its normalized failure', async () => {
    const provider = fakeProvider({
      capabilities: asyncCapabilities,
      answer: () => ({ kind: 'pending', upstreamTaskId: 'up-3', warnings: [] }),
      poll: () => {
        throw new GatewayError('upstream_task_failed', { detail: 'fake task up-3 failed', provider: 'fake', retryable: false });
      },
    });
    const app = testApp([provider]);
    const started = await request(app).post('/v1/usage/query').send({ ...query, waitSeconds: 0 });
    const failed = await request(app).get(`/v1/usage/tasks/${started.body.taskId as string}`);
    expect(failed.status).toBe(502);
    expect(failed.body.code).toBe('upstream_task_failed');
  });

  it('answers 404 for an unknown task', async () => {
    const response = await request(testApp([fakeProvider()])).get('/v1/usage/tasks/ugt_nope');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('task_not_found');
    expect(response.body.errors).toStrictEqual([{ path: '/path/taskId', message: 'unknown task' }]);
  });
});

describe('GET /v1/providers', () => {
  it('lists every provider with its declared capabilities', async () => {
    const app = testApp([fakeProvider({ id: 'a' }), fakeProvider({ id: 'b', type: 'svix', mode: 'sandbox' })]);
    const response = await request(app).get('/v1/providers');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      providers: [
        { id: 'a', type: 'flexprice', mode: 'live', capabilities: allCapabilities },
        { id: 'b', type: 'svix', mode: 'sandbox', capabilities: allCapabilities },
      ],
    });
  });
});

describe('GET /v1/providers/{providerId}', () => {
  it('describes one provider', async () => {
    const response = await request(testApp([fakeProvider({ id: 'a' })])).get('/v1/providers/a');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({ id: 'a', type: 'flexprice', mode: 'live', capabilities: allCapabilities });
  });

  it('answers 404 listing the known ids', async () => {
    const response = await request(testApp([fakeProvider({ id: 'a' })])).get('/v1/providers/zzz');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('provider_not_found');
    expect(response.body.detail).toBe('No provider "zzz" is configured; known: a');
  });
});

describe('GET /healthz and GET /openapi.json', () => {
  it('answers liveness', async () => {
    const response = await request(testApp([])).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({ status: 'ok' });
  });

  it('serves the unified spec', async () => {
    const response = await request(testApp([])).get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toContain('/v1/usage/query');
  });
});

describe('Idempotency-Key reuse', () => {
  it('accepts the same key for the same query and refuses it for another', async () => {
    const provider = fakeProvider();
    const app = testApp([provider]);
    const first = await request(app).post('/v1/usage/query').set('Idempotency-Key', 'k-1').send(query);
    const again = await request(app).post('/v1/usage/query').set('Idempotency-Key', 'k-1').send({ ...query, waitSeconds: 3 });
    const other = await request(app).post('/v1/usage/query').set('Idempotency-Key', 'k-1').send({ ...query, metric: 'other' });
    expect([first.status, again.status, other.status]).toStrictEqual([200, 200, 422]);
    expect(other.body.code).toBe('idempotency_conflict');
    expect(other.body.errors).toStrictEqual([{ path: '/headers/idempotency-key', message: 'was already used for a different query' }]);
    expect(provider.queries).toHaveLength(2);
  });
});
