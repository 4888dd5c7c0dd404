import request from 'supertest';
import { AUTH, BASE, createHarness, START_MS, uuidV7Time } from './harness';

const ACCOUNT = '00000000-0000-4000-8000-00000000a11c';
const item = (key: string, message: string) => ({ code: 'validationError', message, key });
const invalid = (...errors: ReturnType<typeof item>[]) => ({ error: { type: 'validationError', message: 'Request data validation failed', errors } });

/** Sequence's documented example event. */
const docExample = {
  eventType: 'transaction_processed',
  customerAlias: 'customer-id-2H4u5BBwBWsS5V2sroRFqJfTXpW',
  eventTimestamp: '2022-10-01T00:00:00Z',
  customerEventId: 'event-id-H4twuTWpYx1rkd8OMTki2hTUcZ',
  eventProperties: { amount: 500, currency: 'GBP', method: 'bank_transfer' },
};

describe('POST /usage-events', () => {
  it('stores the event and answers 201 with it', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-events', docExample);
    expect(response.status).toBe(201);
    expect(response.headers['sequence-version']).toBe('2024-07-30');
    expect(response.body).toStrictEqual({ ...docExample, id: response.body.id, sequenceAccountId: ACCOUNT });
    expect(harness.simulator.events()).toStrictEqual([response.body]);
  });

  it('fills a missing or null customerEventId with the event id and eventTimestamp with the clock', async () => {
    const harness = createHarness();
    const omitted = await harness.post('/usage-events', { customerAlias: 'c1', eventType: 'api_call' });
    harness.clock.ms = START_MS + 1500;
    const nulls = await harness.post('/usage-events', { customerAlias: 'c1', eventType: 'api_call', customerEventId: null, eventTimestamp: null });
    expect(omitted.body).toStrictEqual({
      id: omitted.body.id,
      customerEventId: omitted.body.id,
      customerAlias: 'c1',
      eventType: 'api_call',
      sequenceAccountId: ACCOUNT,
      eventTimestamp: '2024-03-10T12:00:00Z',
      eventProperties: {},
    });
    expect(nulls.body.customerEventId).toBe(nulls.body.id);
    expect(nulls.body.eventTimestamp).toBe('2024-03-10T12:00:01.500Z');
  });

  it.each([
    ['2024-03-01T12:30:00.250+02:00', '2024-03-01T10:30:00.250Z'],
    ['2024-03-01t10:30:00z', '2024-03-01T10:30:00Z'],
    ['2024-02-29T23:00:00-01:30', '2024-03-01T00:30:00Z'],
    ['2024-03-01T10:30:00.123456Z', '2024-03-01T10:30:00.123Z'],
  ])('normalizes the timestamp %s to UTC %s', async (given, stored) => {
    const harness = createHarness();
    const response = await harness.post('/usage-events', { customerAlias: 'c1', eventType: 'api_call', eventTimestamp: given });
    expect(response.status).toBe(201);
    expect(response.body.eventTimestamp).toBe(stored);
  });

  it('gives UUIDv7 ids from the injected clock that sort in receipt order', async () => {
    const harness = createHarness();
    const ids: string[] = [];
    for (const offset of [0, 0, 0, 5, 5]) {
      harness.clock.ms = START_MS + offset;
      ids.push((await harness.post('/usage-events', { customerAlias: 'c1', eventType: 'api_call' })).body.id);
    }
    expect(ids.map(uuidV7Time)).toStrictEqual([START_MS, START_MS, START_MS, START_MS + 5, START_MS + 5]);
    expect([...ids].sort()).toStrictEqual(ids);
    expect(new Set(ids).size).toBe(5);
  });

  it('names every schema violation in one 400', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-events', { customerAlias: 7, eventTimestamp: '2024-02-30T00:00:00Z', eventProperties: [] });
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(
        item('eventType', 'eventType is required'),
        item('customerAlias', 'customerAlias must be string'),
        item('eventTimestamp', 'eventTimestamp must match format "date-time"'),
        item('eventProperties', 'eventProperties must be object'),
      ),
    );
    expect(harness.simulator.events()).toStrictEqual([]);
  });

  it('answers 400 for a body that is not an object or not JSON', async () => {
    const harness = createHarness();
    const array = await harness.post('/usage-events', [docExample]);
    expect(array.status).toBe(400);
    expect(array.body).toStrictEqual(invalid(item('body', 'body must be object')));
    const broken = await request(harness.app).post(`${BASE}/usage-events`).set('Authorization', AUTH).set('Content-Type', 'application/json').send('{"customerAlias":');
    expect(broken.status).toBe(400);
    expect(broken.body).toStrictEqual(invalid(item('body', 'body is not valid JSON')));
  });

  it('answers 415 for a body that is not JSON by content type', async () => {
    const harness = createHarness();
    const response = await request(harness.app).post(`${BASE}/usage-events`).set('Authorization', AUTH).set('Content-Type', 'text/plain').send('hello');
    expect(response.status).toBe(415);
    expect(response.body).toStrictEqual({ error: { type: 'UnsupportedMediaType', message: 'Send the body as application/json' } });
  });

  it('answers 413 for a body past 1 MiB', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-events', { ...docExample, eventProperties: { blob: 'x'.repeat(1024 * 1024) } });
    expect(response.status).toBe(413);
    expect(response.body).toStrictEqual({ error: { type: 'PayloadTooLarge', message: 'The body is larger than the 1mb this API accepts' } });
    expect(harness.simulator.events()).toStrictEqual([]);
  });
});

describe('event cap', () => {
  const event = { customerAlias: 'c1', eventType: 'api_call', customerEventId: 'same' };

  it('answers 400 EventLimitExceeded past maxEvents, counting superseded events, and stores nothing', async () => {
    const harness = createHarness({ maxEvents: 2 });
    expect((await harness.post('/usage-events', event)).status).toBe(201);
    expect((await harness.post('/usage-events', event)).status).toBe(201);
    const response = await harness.post('/usage-events', { ...event, customerEventId: 'other' });
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual({
      error: { type: 'EventLimitExceeded', message: 'This sandbox holds at most 2 usage events (room left: 0, sent: 1); nothing was stored' },
    });
    expect(harness.simulator.events().length).toBe(2);
  });

  it('rejects a seeding bulk that does not fit as a whole', () => {
    const harness = createHarness({ maxEvents: 3 });
    harness.simulator.addEvent(event);
    expect(() => harness.simulator.addEvents([event, event, event])).toThrow(
      expect.objectContaining({
        status: 400,
        type: 'EventLimitExceeded',
        message: 'This sandbox holds at most 3 usage events (room left: 2, sent: 3); nothing was stored',
      }),
    );
    expect(harness.simulator.events().length).toBe(1);
    expect(harness.simulator.addEvents([event, event]).length).toBe(2);
    expect(harness.simulator.events().length).toBe(3);
  });
});

describe('addEvents (seeding)', () => {
  it('stores events with the same defaults as POST /usage-events', () => {
    const harness = createHarness();
    const [stored] = harness.simulator.addEvents([{ customerAlias: 'c1', eventType: 'api_call', eventProperties: { n: 1 } }]);
    expect(stored).toStrictEqual({
      id: stored?.id,
      customerEventId: stored?.id,
      customerAlias: 'c1',
      eventType: 'api_call',
      sequenceAccountId: ACCOUNT,
      eventTimestamp: '2024-03-10T12:00:00Z',
      eventProperties: { n: 1 },
    });
  });

  it('rejects the whole bulk when one event is invalid, naming it by index', () => {
    const harness = createHarness();
    const events = [
      { customerAlias: 'c1', eventType: 'api_call' },
      { customerAlias: '', eventType: 'api_call', eventTimestamp: 'yesterday' },
    ];
    expect(() => harness.simulator.addEvents(events)).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [
          item('1.customerAlias', '1.customerAlias must NOT have fewer than 1 characters'),
          item('1.eventTimestamp', '1.eventTimestamp must match format "date-time"'),
        ],
      }),
    );
    expect(harness.simulator.events()).toStrictEqual([]);
  });

  it('holds one event to the same checks as POST /usage-events', async () => {
    const harness = createHarness();
    const bad = { customerAlias: 7, eventTimestamp: '2024-02-30T00:00:00Z', eventProperties: [] };
    const response = await harness.post('/usage-events', bad);
    expect(() => harness.simulator.addEvent(bad as never)).toThrow(expect.objectContaining({ errors: response.body.error.errors }));
  });

  it('hands out copies, so callers cannot change stored events', () => {
    const harness = createHarness();
    const stored = harness.simulator.addEvent({ customerAlias: 'c1', eventType: 'api_call', eventProperties: { n: 1 } });
    stored.eventProperties['n'] = 2;
    expect(harness.simulator.events()[0]?.eventProperties).toStrictEqual({ n: 1 });
  });
});
