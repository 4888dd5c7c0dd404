import { createSvixAdapter } from '../../../src/providers/svix/adapter';
import type { UsageQuery } from '../../../src/usage/model';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import accepted from '../../fixtures/svix/stats-accepted.json';
import failed from '../../fixtures/svix/task-failed.json';
import finished from '../../fixtures/svix/task-finished.json';
import finishedSnake from '../../fixtures/svix/task-finished-snake.json';
import withoutStats from '../../fixtures/svix/task-finished-without-stats.json';
import running from '../../fixtures/svix/task-running.json';
import { rejection, svixQuery, viewError } from './support';

const token = 'testsk_kN3XqE9vJ2wPzQ8rT.eu';
const taskId = 'qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw';
const unresolved = { code: 'unresolved_app_ids', message: 'Svix found no app for this id or uid: billing-legacy; the report covers the other apps' };

describe('createSvixAdapter poll()', () => {
  let upstream: FakeUpstream;
  const signal = new AbortController().signal;
  const adapter = () =>
    createSvixAdapter({
      id: 'svix-eu',
      mode: 'live',
      baseUrl: upstream.baseUrl,
      token,
      timeoutMs: 2000,
      limits: { maxUpstreamCalls: 10, upstreamConcurrency: 4 },
      newIdempotencyKey: () => 'poll-sequence-key',
    });
  const poll = (query: UsageQuery, warnings = [unresolved]) => {
    const svix = adapter();
    if (!svix.poll) throw new Error('the Svix adapter must poll');
    return svix.poll({ query, upstreamTaskId: taskId, warnings, signal });
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream('svix');
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });
  afterAll(() => upstream.close());

  it('runs query → running → finished and builds the report', async () => {
    const answers = [
      { status: 202, body: accepted },
      { status: 200, body: running },
      { status: 200, body: finished },
    ];
    upstream.respond(() => answers.shift() ?? { status: 500, body: { code: 'unexpected', detail: 'one call too many' } });
    const svix = adapter();
    const query = svixQuery({ customers: ['checkout-prod', 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', 'billing-legacy'] });
    const started = await svix.query({ query, signal });
    if (started.kind !== 'pending' || !svix.poll) throw new Error('Svix answers through a task');
    const first = await svix.poll({ query, upstreamTaskId: started.upstreamTaskId, warnings: started.warnings, signal });
    expect(first).toStrictEqual({ kind: 'pending', upstreamTaskId: taskId, warnings: [unresolved] });
    const second = await svix.poll({ query, upstreamTaskId: taskId, warnings: started.warnings, signal });
    expect(second).toStrictEqual({
      kind: 'complete',
      report: {
        provider: 'svix-eu',
        providerType: 'svix',
        metric: 'message_destinations',
        aggregation: 'count',
        unit: null,
        from: '2025-03-01T00:00:00Z',
        to: '2025-04-01T00:00:00Z',
        value: 1252,
        eventCount: null,
        windows: null,
        groups: [
          { key: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', value: 2 },
          { key: 'checkout-prod', value: 1250 },
          { key: 'app_Y9b55PnYHlWhCMqnqW1oKgab7S8', value: 0 },
        ],
        status: 'complete',
        warnings: [unresolved],
      },
    });
    expect(upstream.requests.map((request) => ({
      method: request.method,
      path: request.path,
      authorization: request.headers.authorization,
      idempotencyKey: request.headers['idempotency-key'],
      body: request.body,
      violations: request.violations,
    }))).toStrictEqual([
      {
        method: 'POST',
        path: '/api/v1/stats/usage/app',
        authorization: `Bearer ${token}`,
        idempotencyKey: 'poll-sequence-key',
        body: { since: '2025-03-01T00:00:00Z', until: '2025-04-01T00:00:00Z', appIds: ['checkout-prod', 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', 'billing-legacy'] },
        violations: [],
      },
      { method: 'GET', path: `/api/v1/background-task/${taskId}`, authorization: `Bearer ${token}`, idempotencyKey: undefined, body: undefined, violations: [] },
      { method: 'GET', path: `/api/v1/background-task/${taskId}`, authorization: `Bearer ${token}`, idempotencyKey: undefined, body: undefined, violations: [] },
    ]);
  });

  it('reads the app_stats spelling and carries the finished body as raw when asked', async () => {
    upstream.respond(() => ({ status: 200, body: finishedSnake }));
    const outcome = await poll(svixQuery({ include: ['raw'] }), []);
    if (outcome.kind !== 'complete') throw new Error('the task is finished');
    expect({ value: outcome.report.value, groups: outcome.report.groups, warnings: outcome.report.warnings, raw: outcome.report.raw }).toStrictEqual({
      value: 10,
      groups: [
        { key: 'app_GPUieJRSw3cAKW91uM3JxnlDCOz', value: 7 },
        { key: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', value: 3 },
      ],
      warnings: [],
      raw: finishedSnake,
    });
  });

  it('throws upstream_task_failed for a failed task', async () => {
    upstream.respond(() => ({ status: 200, body: failed }));
    expect(viewError(await rejection(poll(svixQuery())))).toStrictEqual({
      code: 'upstream_task_failed',
      status: 502,
      detail: `svix-eu: background task ${taskId} failed`,
      errors: [],
      provider: 'svix-eu',
      upstreamStatus: undefined,
      retryable: false,
      headers: {},
    });
  });

  it.each([
    ['a finished task without stats', withoutStats, 'svix-eu: the finished background task data has neither appStats nor app_stats'],
    ['an unknown status', { ...running, status: 'cancelled' }, 'svix-eu: the background task has no status among running, finished and failed'],
  ])('calls %s a contract violation', async (_case, body, detail) => {
    upstream.respond(() => ({ status: 200, body }));
    const error = await rejection(poll(svixQuery()));
    expect([error.code, error.status, error.detail]).toStrictEqual(['upstream_contract_violation', 502, detail]);
  });

  it('maps an unknown task to upstream_not_found', async () => {
    upstream.respond(() => ({ status: 404, body: { code: 'not_found', detail: 'Entity not found' } }));
    expect(viewError(await rejection(poll(svixQuery())))).toStrictEqual({
      code: 'upstream_not_found',
      status: 404,
      detail: 'svix-eu answered 404: Entity not found (not_found)',
      errors: [],
      provider: 'svix-eu',
      upstreamStatus: 404,
      retryable: false,
      headers: {},
    });
  });
});
