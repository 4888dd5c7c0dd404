import { harness, START, STATS, TASKS, type Harness } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const since = '2025-01-01T00:00:00Z';
const until = '2025-01-02T00:00:00Z';

/** Three apps: acme and globex with uids, a third without; attempts around one day's edges. */
function seeded(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  const acme = h.simulator.createApp({ uid: 'acme' });
  const globex = h.simulator.createApp({ uid: 'globex' });
  const plain = h.simulator.createApp();
  h.simulator.recordAttempts({
    attempts: [
      { app: 'acme', timestamp: '2024-12-31T23:59:59.999Z' }, // 1 ms before since: out
      { app: 'acme', timestamp: '2025-01-01T00:00:00.000Z', count: 2 }, // at since: in
      { app: acme.id, timestamp: '2025-01-01T12:00:00Z', count: 3 }, // in
      { app: 'acme', timestamp: '2025-01-02T00:00:00Z', count: 4 }, // at until: out
      { app: 'globex', timestamp: '2025-01-01T06:00:00Z' }, // in
      { app: 'globex', timestamp: '2025-01-01T11:00:00+05:00' }, // 06:00Z again: in, same millisecond
      { app: 'globex', timestamp: '2025-01-03T00:00:00Z', count: 5 }, // out
    ],
  });
  return { h, acme, globex, plain };
}

async function finished(h: Harness, taskId: string) {
  h.clock.now += 1000;
  const response = await h.get(`${TASKS}/${taskId}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('POST /api/v1/stats/usage/app', () => {
  it('accepts a task and finishes it with every application, zero included, oldest first', async () => {
    const { h, acme, globex, plain } = seeded();
    const accepted = await h.post(STATS, { since, until });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toStrictEqual({
      id: expect.stringMatching(/^qtask_[A-Za-z0-9]{27}$/),
      status: 'running',
      task: 'application.stats',
      unresolvedAppIds: [],
      updatedAt: '2025-01-01T00:00:00.000000Z',
    });
    expect(await finished(h, accepted.body.id)).toStrictEqual({
      data: {
        appStats: [
          { appId: acme.id, appUid: 'acme', messageDestinations: 5 },
          { appId: globex.id, appUid: 'globex', messageDestinations: 2 },
          { appId: plain.id, appUid: null, messageDestinations: 0 },
        ],
      },
      id: accepted.body.id,
      status: 'finished',
      task: 'application.stats',
      updatedAt: '2025-01-01T00:00:01.000000Z',
    });
  });

  it('treats appIds: null as every application', async () => {
    const { h } = seeded();
    const accepted = await h.post(STATS, { since, until, appIds: null });
    expect(accepted.status).toBe(202);
    const body = await finished(h, accepted.body.id);
    expect(body.data.appStats.map((stats: { messageDestinations: number }) => stats.messageDestinations)).toStrictEqual([5, 2, 0]);
  });

  it('resolves ids and uids in request order, once per application, and reports the unresolved', async () => {
    const { h, acme, globex } = seeded();
    const accepted = await h.post(STATS, { since, until, appIds: ['globex', acme.id, 'missing-app', 'acme'] });
    expect(accepted.status).toBe(202);
    expect(accepted.body.unresolvedAppIds).toStrictEqual(['missing-app']);
    expect((await finished(h, accepted.body.id)).data).toStrictEqual({
      appStats: [
        { appId: globex.id, appUid: 'globex', messageDestinations: 2 },
        { appId: acme.id, appUid: 'acme', messageDestinations: 5 },
      ],
    });
  });

  it('answers on the trailing-slash path too', async () => {
    const { h, acme } = seeded();
    const accepted = await h.post(`${STATS}/`, { since, until, appIds: ['acme'] });
    expect(accepted.status).toBe(202);
    expect((await finished(h, accepted.body.id)).data).toStrictEqual({ appStats: [{ appId: acme.id, appUid: 'acme', messageDestinations: 5 }] });
  });

  it.each([
    // since 0.5 ms after the 23:59:59.999 attempt: that attempt is out.
    ['2024-12-31T23:59:59.9995Z', until, 5],
    ['2024-12-31T23:59:59.999Z', until, 6],
    // until 0.1 µs after the 00:00:00.000 attempt: that attempt is in.
    [since, '2025-01-02T00:00:00.0001Z', 9],
    ['2025-01-01T05:30:00+05:30', '2025-01-01T19:00:00-05:00', 5],
    ['2025-01-01T12:00:00Z', '2025-01-01T12:00:00Z', 0],
  ])('counts acme over [%s, %s) as %i', async (from, to, expected) => {
    const { h } = seeded();
    const accepted = await h.post(STATS, { since: from, until: to, appIds: ['acme'] });
    expect(accepted.status).toBe(202);
    expect((await finished(h, accepted.body.id)).data.appStats[0].messageDestinations).toBe(expected);
  });

  it('answers an empty environment with an empty list', async () => {
    const h = harness();
    const accepted = await h.post(STATS, { since, until });
    expect(accepted.status).toBe(202);
    expect((await finished(h, accepted.body.id)).data).toStrictEqual({ appStats: [] });
  });

  it.each([
    [['nope', 'also-nope'], 'No application matches the given IDs or UIDs (none of them were found: nope, also-nope).'],
    [[], 'No application matches the given IDs or UIDs (appIds is empty).'],
  ])('answers 422 when no app id resolves (%j)', async (appIds, msg) => {
    const { h } = seeded();
    const response = await h.post(STATS, { since, until, appIds });
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc: ['body', 'appIds'], msg, type: 'value_error' }] });
  });

  it('answers 422 when until is before since', async () => {
    const { h } = seeded();
    const response = await h.post(STATS, { since: until, until: since });
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc: ['body', 'until'], msg: '`until` must not be before `since`', type: 'value_error' }] });
  });

  it.each([
    ['since', '2025-02-30T00:00:00Z'],
    ['until', '2025-01-01T24:00:00Z'],
  ])('answers 422 for an impossible %s that the spec format lets through', async (field, value) => {
    const { h } = seeded();
    const response = await h.post(STATS, { since, until, [field]: value });
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({
      detail: [{ loc: ['body', field], msg: 'input is out of range or not an RFC 3339 date-time', type: 'value_error.jsondecode' }],
    });
  });
});

describe('GET /api/v1/background-task/{task_id}', () => {
  it('is running until taskDelayMs has passed on the clock, then finished', async () => {
    const { h } = seeded({ taskDelayMs: 5000 });
    const accepted = await h.post(STATS, { since, until, appIds: ['globex'] });
    h.clock.now = START + 4999;
    const running = await h.get(`${TASKS}/${accepted.body.id}`);
    expect(running.status).toBe(200);
    expect(running.body).toStrictEqual({
      data: {},
      id: accepted.body.id,
      status: 'running',
      task: 'application.stats',
      updatedAt: '2025-01-01T00:00:00.000000Z',
    });
    h.clock.now = START + 5000;
    const done = await h.get(`${TASKS}/${accepted.body.id}`);
    expect(done.body.status).toBe('finished');
    expect(done.body.updatedAt).toBe('2025-01-01T00:00:05.000000Z');
  });

  it('keeps the figures of the moment the task was accepted', async () => {
    const { h } = seeded();
    const accepted = await h.post(STATS, { since, until, appIds: ['globex'] });
    h.simulator.recordAttempts({ app: 'globex', timestamp: '2025-01-01T01:00:00Z', count: 100 });
    expect((await finished(h, accepted.body.id)).data.appStats[0].messageDestinations).toBe(2);
  });

  it('finishes at once with taskDelayMs 0, while the 202 still says running', async () => {
    const { h } = seeded({ taskDelayMs: 0 });
    const accepted = await h.post(STATS, { since, until, appIds: ['acme'] });
    expect(accepted.body.status).toBe('running');
    const read = await h.get(`${TASKS}/${accepted.body.id}`);
    expect(read.body.status).toBe('finished');
    expect(read.body.updatedAt).toBe('2025-01-01T00:00:00.000000Z');
  });

  it('answers 404 for an unknown task and forgets the oldest past maxTasks', async () => {
    const { h } = seeded({ maxTasks: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      h.clock.now += DAY;
      ids.push((await h.post(STATS, { since, until })).body.id);
    }
    const [first, second, third] = ids;
    const forgotten = await h.get(`${TASKS}/${first}`);
    expect(forgotten.status).toBe(404);
    expect(forgotten.body).toStrictEqual({ code: 'not_found', detail: `No background task with the ID \`${first}\`.` });
    expect((await h.get(`${TASKS}/${second}`)).status).toBe(200);
    expect((await h.get(`${TASKS}/${third}`)).status).toBe(200);
  });
});
