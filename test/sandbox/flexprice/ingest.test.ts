/** `POST /events` and `POST /events/bulk`: acceptance bodies, ingest semantics, refusals, the cap. */
import { createHarness, event } from './support';

const invalidPayload = (details: Record<string, unknown>) => ({
  code: 'validation_error',
  message: 'Invalid request payload',
  http_status_code: 400,
  details,
});
const week = { start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' };

describe('POST /events', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  it('accepts an event with 202 and echoes its event_id', async () => {
    const response = await harness.post('/events', event('2024-03-13T10:00:00Z', { n: 1 }, 'evt-1'));
    expect([response.status, response.body]).toStrictEqual([202, { message: 'Event accepted for processing', event_id: 'evt-1' }]);
    expect(harness.simulator.eventCount()).toBe(1);
  });

  it('generates event_<ULID> stamped with the injected clock when event_id is missing or empty', async () => {
    const first = await harness.post('/events', event('2024-03-13T10:00:00Z'));
    const second = await harness.post('/events', event('2024-03-13T10:00:00Z', {}, ''));
    const ids = [first.body.event_id as string, second.body.event_id as string];
    // 2024-03-20T12:00:00Z = 1710936000000 ms = 01HSDVQ1G0 in Crockford base 32 (10 digits, 5 bits each)
    for (const id of ids) expect(id).toMatch(/^event_01HSDVQ1G0[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(ids[0]).not.toBe(ids[1]);
    // Two ids, two rows: without an id, retries are not deduplicated
    const usage = await harness.usage({ event_name: 'api_request', aggregation_type: 'COUNT', ...week });
    expect(usage.body).toStrictEqual({ value: 2, event_name: 'api_request', type: 'COUNT' });
  });

  it('stamps an event without timestamp with the injected clock', async () => {
    harness.setNow(Date.parse('2024-03-15T08:30:00.250Z'));
    await harness.post('/events', { event_name: 'api_request', external_customer_id: 'c1' }).expect(202);
    const usage = await harness.usage({ event_name: 'api_request', aggregation_type: 'COUNT', window_size: 'HOUR', ...week });
    expect(usage.body).toStrictEqual({ results: [{ window_size: '2024-03-15T08:00:00Z', value: 1 }], event_name: 'api_request', type: 'COUNT' });
  });

  it('keeps the last write for the same (event_id, timestamp) without growing the store', async () => {
    await harness.post('/events', event('2024-03-13T10:00:00Z', { n: 5 }, 'same')).expect(202);
    await harness.post('/events', event('2024-03-13T10:00:00.000+00:00', { n: 8 }, 'same')).expect(202);
    expect(harness.simulator.eventCount()).toBe(1);
    const usage = await harness.usage({ event_name: 'api_request', aggregation_type: 'SUM', property_name: 'n', ...week });
    // Only the second write remains → 8
    expect(usage.body).toStrictEqual({ value: 8, event_name: 'api_request', type: 'SUM' });
  });

  it('moves a replaced row to its new event name', async () => {
    await harness.post('/events', event('2024-03-13T10:00:00Z', {}, 'same')).expect(202);
    await harness.post('/events', { ...event('2024-03-13T10:00:00Z', {}, 'same'), event_name: 'other' }).expect(202);
    const old = await harness.usage({ event_name: 'api_request', aggregation_type: 'COUNT', ...week });
    const moved = await harness.usage({ event_name: 'other', aggregation_type: 'COUNT', ...week });
    expect([old.body, moved.body]).toStrictEqual([{ event_name: 'api_request', type: 'COUNT' }, { value: 1, event_name: 'other', type: 'COUNT' }]);
  });

  it('refuses a missing external_customer_id, an empty event_name and a timestamp Go rejects', async () => {
    const missing = await harness.post('/events', { event_name: 'x' });
    expect([missing.status, missing.body]).toStrictEqual([400, invalidPayload({ external_customer_id: "must have required property 'external_customer_id'" })]);
    const empty = await harness.post('/events', { event_name: '', external_customer_id: 'c' });
    expect([empty.status, empty.body]).toStrictEqual([400, invalidPayload({ event_name: 'must NOT have fewer than 1 characters' })]);
    const lowercase = await harness.post('/events', event('2024-03-13t10:00:00z'));
    expect([lowercase.status, lowercase.body]).toStrictEqual([400, invalidPayload({ timestamp: 'must be an RFC 3339 time such as 2024-03-13T10:00:00Z' })]);
    expect(harness.simulator.eventCount()).toBe(0);
  });

  it('refuses a property number beyond float64, as Go\'s decoder does', async () => {
    const raw = '{"event_name":"x","external_customer_id":"c","properties":{"n":1e400}}';
    const response = await harness.post('/events', raw).set('content-type', 'application/json');
    expect([response.status, response.body]).toStrictEqual([400, invalidPayload({ properties: 'holds a number outside the float64 range' })]);
  });

  it('refuses properties nested past Go\'s 10,000 levels, and accepts them at the limit', async () => {
    // Body level 1, properties level 2: 9,998 more arrays reach 10,000 exactly.
    const nested = (depth: number) => `{"event_name":"x","external_customer_id":"c","properties":{"n":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    await harness.post('/events', nested(9998)).set('content-type', 'application/json').expect(202);
    const response = await harness.post('/events', nested(9999)).set('content-type', 'application/json');
    expect([response.status, response.body]).toStrictEqual([400, invalidPayload({ properties: 'is nested deeper than 10000 levels' })]);
  });
});

describe('POST /events/bulk', () => {
  const harness = createHarness({ maxEvents: 5 });
  beforeEach(() => harness.reset());

  it('accepts 1 to 1000 events with 202 and no ids', async () => {
    const response = await harness.post('/events/bulk', { events: [event('2024-03-13T10:00:00Z'), event('2024-03-13T11:00:00Z')] });
    expect([response.status, response.body]).toStrictEqual([202, { message: 'Events accepted for processing' }]);
    expect(harness.simulator.eventCount()).toBe(2);
  });

  it('refuses an empty or oversized batch', async () => {
    const empty = await harness.post('/events/bulk', { events: [] });
    expect([empty.status, empty.body]).toStrictEqual([400, invalidPayload({ events: 'must NOT have fewer than 1 items' })]);
    const tooMany = await harness.post('/events/bulk', { events: Array.from({ length: 1001 }, () => event('2024-03-13T10:00:00Z')) });
    expect([tooMany.status, tooMany.body]).toStrictEqual([400, invalidPayload({ events: 'must NOT have more than 1000 items' })]);
  });

  it('refuses the whole batch when one event is invalid', async () => {
    const response = await harness.post('/events/bulk', { events: [event('2024-03-13T10:00:00Z'), event('2024-03-13T25:00:00Z')] });
    expect([response.status, response.body]).toStrictEqual([400, invalidPayload({ 'events[1].timestamp': 'must be an RFC 3339 time such as 2024-03-13T10:00:00Z' })]);
    expect(harness.simulator.eventCount()).toBe(0);
  });

  it('refuses a batch past maxEvents whole, counting replacements as no new rows', async () => {
    await harness.post('/events/bulk', { events: [1, 2, 3].map((n) => event(`2024-03-13T1${n}:00:00Z`, {}, `e${n}`)) }).expect(202);
    // 3 stored + 3 new (e4, e5, e6) = 6 > 5 → refused, nothing written
    const full = await harness.post('/events/bulk', { events: [4, 5, 6].map((n) => event(`2024-03-13T1${n}:00:00Z`, {}, `e${n}`)) });
    expect([full.status, full.body]).toStrictEqual([400, {
      code: 'invalid_operation',
      message: 'The sandbox event store is full: it holds at most 5 events',
      http_status_code: 400,
      details: { max_events: 5, stored_events: 3, incoming_events: 3 },
    }]);
    expect(harness.simulator.eventCount()).toBe(3);
    // e1 again at its own time replaces a row; e4 and e4 again are one new row: 3 + 1 = 4 ≤ 5
    const fits = [event('2024-03-13T11:00:00Z', {}, 'e1'), event('2024-03-13T14:00:00Z', {}, 'e4'), event('2024-03-13T14:00:00Z', {}, 'e4')];
    await harness.post('/events/bulk', { events: [...fits, ...fits] }).expect(202);
    expect(harness.simulator.eventCount()).toBe(4);
  });
});

describe('programmatic ingest', () => {
  const harness = createHarness({ maxEvents: 3 });
  beforeEach(() => harness.reset());

  it('stores events like the bulk endpoint and returns their ids', async () => {
    const ids = harness.simulator.ingest([event('2024-03-13T10:00:00Z', { n: 2 }, 'p1'), { event_name: ' api_request ', external_customer_id: 'c1', timestamp: '2024-03-13T11:00:00Z', properties: { n: 3 } }]);
    expect(ids[0]).toBe('p1');
    expect(ids[1]).toMatch(/^event_[0-9A-HJKMNP-TV-Z]{26}$/);
    const usage = await harness.usage({ event_name: 'api_request', aggregation_type: 'SUM', property_name: 'n', ...week });
    expect(usage.body).toStrictEqual({ value: 5, event_name: 'api_request', type: 'SUM' });
  });

  it('applies the spec and Go checks, naming the event, and writes nothing on failure', () => {
    expect(() => harness.simulator.ingest([event('2024-03-13T10:00:00Z'), { event_name: 'x', external_customer_id: 7 }])).toThrow(
      expect.objectContaining({ status: 400, body: invalidPayload({ 'events[1].external_customer_id': 'must be string' }) }),
    );
    expect(() => harness.simulator.ingest([event('2024-03-13T10:00:00Z', { n: Number.POSITIVE_INFINITY })])).toThrow(
      expect.objectContaining({ status: 400, body: invalidPayload({ 'events[0].properties': 'holds a number outside the float64 range' }) }),
    );
    expect(() => harness.simulator.ingest([event('2024-03-13T10:00:00Z', { at: new Date(0) })])).toThrow(
      expect.objectContaining({ status: 400, body: invalidPayload({ 'events[0].properties': 'holds an object that is not plain JSON' }) }),
    );
    expect(harness.simulator.eventCount()).toBe(0);
  });

  it('has no 1,000-event limit per call but keeps the store cap', () => {
    expect(() => harness.simulator.ingest([1, 2, 3, 4].map((n) => event(`2024-03-13T1${n}:00:00Z`)))).toThrow(
      expect.objectContaining({ status: 400, body: expect.objectContaining({ code: 'invalid_operation' }) }),
    );
    expect(harness.simulator.eventCount()).toBe(0);
  });

  it('answers usage programmatically with the same checks', () => {
    harness.simulator.ingest([event('2024-03-13T10:00:00Z', { n: 2 })]);
    expect(harness.simulator.usage({ event_name: 'api_request', aggregation_type: 'max', property_name: 'n', ...week })).toStrictEqual({ value: 2, event_name: 'api_request', type: 'MAX' });
    expect(() => harness.simulator.usage({ event_name: 'api_request' })).toThrow(
      expect.objectContaining({ status: 400, body: { code: 'validation_error', message: 'Please check the request payload', http_status_code: 400, details: { aggregation_type: "must have required property 'aggregation_type'" } } }),
    );
  });
});
