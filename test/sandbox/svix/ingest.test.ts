import { SvixSimulatorError } from '../../../src/sandbox/svix';
import { ksuid } from '../../../src/sandbox/svix/ids';
import { APPS, ATTEMPTS, AUTH, countingBytes, harness, START, STATS, TASKS } from './harness';

const FIXED_ID = 'app_2r0IWzbDH9SdzqkL0szvlfjqYKB';

describe('POST /sandbox/apps', () => {
  it('creates an application with a generated id, a uid or a chosen id', async () => {
    const h = harness();
    const plain = await h.post(APPS, {});
    expect(plain.status).toBe(201);
    expect(plain.body).toStrictEqual({ id: expect.stringMatching(/^app_[A-Za-z0-9]{27}$/), uid: null, createdAt: '2025-01-01T00:00:00.000000Z' });
    const named = await h.post(APPS, { uid: 'acme' });
    expect(named.body.uid).toBe('acme');
    const chosen = await h.post(APPS, { id: FIXED_ID, uid: 'globex' });
    expect(chosen.body).toStrictEqual({ id: FIXED_ID, uid: 'globex', createdAt: '2025-01-01T00:00:00.000000Z' });
    const listed = await h.get(APPS);
    expect(listed.status).toBe(200);
    expect(listed.body).toStrictEqual({ data: [plain.body, named.body, chosen.body] });
    expect(h.simulator.listApps()).toStrictEqual([plain.body, named.body, chosen.body]);
  });

  it('creates an application from a request with no body', async () => {
    const h = harness();
    const response = await h.post(APPS);
    expect(response.status).toBe(201);
    expect(response.body.uid).toBeNull();
  });

  it('draws ids from the injected random source and the clock', () => {
    const h = harness({ random: countingBytes() });
    const bytes = (from: number) => Uint8Array.from({ length: 16 }, (_, offset) => from + offset);
    expect(h.simulator.createApp().id).toBe(`app_${ksuid(START, bytes(0))}`);
    expect(h.simulator.createApp().id).toBe(`app_${ksuid(START, bytes(16))}`);
  });

  it.each([
    [{ uid: 'acme' }, 'An application with the ID or UID `acme` already exists.'],
    [{ uid: FIXED_ID }, `An application with the ID or UID \`${FIXED_ID}\` already exists.`],
    [{ id: FIXED_ID }, `An application with the ID or UID \`${FIXED_ID}\` already exists.`],
  ])('answers 409 conflict for %j when the name is taken', async (body, detail) => {
    const h = harness();
    h.simulator.createApp({ id: FIXED_ID, uid: 'acme' });
    const response = await h.post(APPS, body);
    expect(response.status).toBe(409);
    expect(response.body).toStrictEqual({ code: 'conflict', detail });
  });

  it.each([
    [{ uid: 'not ok' }, ['body', 'uid'], 'must contain only letters, digits, `-`, `_` and `.`', 'value_error'],
    [{ uid: 'x'.repeat(257) }, ['body', 'uid'], 'Too big: expected string to have <=256 characters', 'value_error'],
    [{ uid: 7 }, ['body', 'uid'], 'Invalid input: expected string, received number', 'value_error.jsondecode'],
    [{ id: 'app_1' }, ['body', 'id'], 'must be `app_` followed by 27 letters or digits', 'value_error'],
    [{ name: 'Acme' }, ['body', 'name'], 'unknown field', 'value_error.jsondecode'],
    [['acme'], ['body'], 'Invalid input: expected object, received array', 'value_error.jsondecode'],
  ])('answers 422 for %j', async (body, loc, msg, type) => {
    const h = harness();
    const response = await h.post(APPS, body);
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc, msg, type }] });
  });

  it('answers 422 for a body that is not sent as JSON', async () => {
    const h = harness();
    const response = await h.post(APPS, 'uid=acme', { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({
      detail: [{ loc: ['body'], msg: 'Expected request with `Content-Type: application/json`', type: 'value_error.jsondecode' }],
    });
  });

  it('needs credentials', async () => {
    const h = harness();
    expect((await h.post(APPS, {}, {})).status).toBe(401);
    expect((await h.get(APPS, { authorization: 'Bearer nope' })).status).toBe(401);
    expect(h.simulator.listApps()).toStrictEqual([]);
  });
});

describe('POST /sandbox/message-attempts', () => {
  it('records one attempt at the clock time by default, and a counted record by uid', async () => {
    const h = harness();
    const app = h.simulator.createApp({ uid: 'acme' });
    h.clock.now = START + 3_600_000;
    expect((await h.post(ATTEMPTS, { app: app.id })).body).toStrictEqual({ recorded: 1 });
    const counted = await h.post(ATTEMPTS, { app: 'acme', timestamp: '2025-01-01T00:30:00Z', count: 4 });
    expect(counted.status).toBe(202);
    expect(counted.body).toStrictEqual({ recorded: 4 });
    expect(h.simulator.attemptCount()).toBe(5);
    // [00:00, 01:00) holds only the counted record; the default-timestamped one sits at 01:00.
    const task = await h.post(STATS, { since: '2025-01-01T00:00:00Z', until: '2025-01-01T01:00:00Z' });
    h.clock.now += 1000;
    expect((await h.get(`${TASKS}/${task.body.id}`)).body.data).toStrictEqual({
      appStats: [{ appId: app.id, appUid: 'acme', messageDestinations: 4 }],
    });
  });

  it('records a bulk whole, or not at all when one record names an unknown app', async () => {
    const h = harness();
    h.simulator.createApp({ uid: 'acme' });
    const refused = await h.post(ATTEMPTS, { attempts: [{ app: 'acme' }, { app: 'ghost' }, { app: 'acme' }, { app: 'phantom' }] });
    expect(refused.status).toBe(422);
    expect(refused.body).toStrictEqual({
      detail: [
        { loc: ['body', 'attempts', '[1]', 'app'], msg: 'no application has the ID or UID `ghost`', type: 'value_error' },
        { loc: ['body', 'attempts', '[3]', 'app'], msg: 'no application has the ID or UID `phantom`', type: 'value_error' },
      ],
    });
    expect(h.simulator.attemptCount()).toBe(0);
    expect((await h.post(ATTEMPTS, { attempts: [{ app: 'acme' }, { app: 'acme', count: 2 }] })).body).toStrictEqual({ recorded: 3 });
  });

  it.each([
    [{ app: 'ghost' }, ['body', 'app'], 'no application has the ID or UID `ghost`', 'value_error'],
    [{}, ['body', 'app'], 'Invalid input: expected string, received undefined', 'value_error.jsondecode'],
    [{ app: 'acme', count: 0 }, ['body', 'count'], 'Too small: expected number to be >=1', 'value_error'],
    [{ app: 'acme', count: 1.5 }, ['body', 'count'], 'Invalid input: expected int, received number', 'value_error.jsondecode'],
    [{ app: 'acme', timestamp: '2025-02-30T00:00:00Z' }, ['body', 'timestamp'], 'must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z', 'value_error'],
    [{ attempts: [] }, ['body', 'attempts'], 'Too small: expected array to have >=1 items', 'value_error'],
    [{ attempts: [{ app: 'acme', extra: true }] }, ['body', 'attempts', '[0]', 'extra'], 'unknown field', 'value_error.jsondecode'],
  ])('answers 422 for %j', async (body, loc, msg, type) => {
    const h = harness();
    h.simulator.createApp({ uid: 'acme' });
    const response = await h.post(ATTEMPTS, body);
    expect(response.status).toBe(422);
    expect(response.body).toStrictEqual({ detail: [{ loc, msg, type }] });
  });

  it('fills the store up to maxEvents and then refuses a whole write', async () => {
    const h = harness({ maxEvents: 10 });
    h.simulator.createApp({ uid: 'acme' });
    expect((await h.post(ATTEMPTS, { app: 'acme', count: 8 })).status).toBe(202);
    const refused = await h.post(ATTEMPTS, { attempts: [{ app: 'acme' }, { app: 'acme', count: 2 }] });
    expect(refused.status).toBe(409);
    expect(refused.body).toStrictEqual({
      code: 'sandbox_event_cap_reached',
      detail: 'The sandbox holds 8 of at most 10 message attempts and cannot take 3 more; nothing was recorded.',
    });
    expect(h.simulator.attemptCount()).toBe(8);
    expect((await h.post(ATTEMPTS, { attempts: [{ app: 'acme' }, { app: 'acme' }] })).body).toStrictEqual({ recorded: 2 });
    expect(h.simulator.attemptCount()).toBe(10);
  });
});

describe('the programmatic seed API', () => {
  it('applies the same checks and throws the same Svix-shaped errors', () => {
    const h = harness({ maxEvents: 2 });
    h.simulator.createApp({ uid: 'acme' });
    const attempts: Array<() => unknown> = [
      () => h.simulator.createApp({ uid: 'acme' }),
      () => h.simulator.createApp({ uid: 'bad uid' }),
      () => h.simulator.recordAttempts({ app: 'ghost' }),
      () => h.simulator.recordAttempts({ app: 'acme', count: 3 }),
    ];
    const thrown = attempts.map((attempt) => {
      try {
        attempt();
        return undefined;
      } catch (error) {
        return error instanceof SvixSimulatorError ? { status: error.status, body: error.body } : error;
      }
    });
    expect(thrown).toStrictEqual([
      { status: 409, body: { code: 'conflict', detail: 'An application with the ID or UID `acme` already exists.' } },
      { status: 422, body: { detail: [{ loc: ['body', 'uid'], msg: 'must contain only letters, digits, `-`, `_` and `.`', type: 'value_error' }] } },
      { status: 422, body: { detail: [{ loc: ['body', 'app'], msg: 'no application has the ID or UID `ghost`', type: 'value_error' }] } },
      {
        status: 409,
        body: { code: 'sandbox_event_cap_reached', detail: 'The sandbox holds 0 of at most 2 message attempts and cannot take 3 more; nothing was recorded.' },
      },
    ]);
    expect(h.simulator.recordAttempts({ app: 'acme', count: 2 })).toStrictEqual({ recorded: 2 });
  });
});
