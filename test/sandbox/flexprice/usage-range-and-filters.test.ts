/**
 * Hand-computed cases for which rows a query sees: the time range (defaults, whole-second bounds,
 * exclusive end), customer ids and property filters.
 */
import { createHarness, event } from './support';

const week = { start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' };
const count = (value: number) => ({ value, event_name: 'api_request', type: 'COUNT' });

describe('POST /events/usage time range', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  const countWith = async (request: Record<string, unknown>) => {
    const response = await harness.usage({ event_name: 'api_request', aggregation_type: 'COUNT', ...request });
    expect(response.status).toBe(200);
    return response.body as unknown;
  };

  it('includes an event exactly at start_time and excludes one exactly at end_time', async () => {
    await harness.ingestBulk([event('2024-03-13T00:00:00Z'), event('2024-03-19T23:59:59.999Z'), event('2024-03-20T00:00:00Z')]);
    // [03-13 00:00, 03-20 00:00): the first two → 2
    expect(await countWith(week)).toStrictEqual(count(2));
  });

  it('truncates sub-second bounds to whole seconds', async () => {
    await harness.ingestBulk([
      event('2024-03-13T10:00:00.100Z'),
      event('2024-03-13T10:59:59.999Z'),
      event('2024-03-13T11:00:00.200Z'),
    ]);
    // start 10:00:00.900 → 10:00:00, so 10:00:00.100 is in; end 11:00:00.500 → 11:00:00, so 11:00:00.200 is out → 2
    expect(await countWith({ start_time: '2024-03-13T10:00:00.900Z', end_time: '2024-03-13T11:00:00.500Z' })).toStrictEqual(count(2));
  });

  it('reads offsets and nanoseconds like Go', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00+05:30'), event('2024-03-13T04:29:59.999999999Z')]);
    // 10:00+05:30 is 04:30Z. Range [04:29:59.999999999Z → 04:29:59, 04:30:00.5+00:00 → 04:30:00): only the second event
    expect(await countWith({ start_time: '2024-03-13T04:29:59.999999999Z', end_time: '2024-03-13T10:00:00.5+05:30' })).toStrictEqual(count(1));
  });

  it('defaults to the 7 days before now, both bounds truncated to seconds', async () => {
    harness.setNow(Date.parse('2024-03-20T12:00:00.750Z'));
    await harness.ingestBulk([
      event('2024-03-13T11:59:59Z'),
      event('2024-03-13T12:00:00.100Z'),
      event('2024-03-20T11:59:59Z'),
      event('2024-03-20T12:00:00.500Z'),
    ]);
    // end = now → 12:00:00; start = now − 7 days → 03-13 12:00:00: the middle two → 2
    expect(await countWith({})).toStrictEqual(count(2));
  });

  it('defaults start_time to 7 days before end_time when only end_time is given', async () => {
    await harness.ingestBulk([event('2024-03-02T23:59:59Z'), event('2024-03-03T00:00:00Z'), event('2024-03-09T23:59:59Z')]);
    // end 03-10 → start 03-03: the last two → 2
    expect(await countWith({ end_time: '2024-03-10T00:00:00Z' })).toStrictEqual(count(2));
  });

  it('uses now as end_time when only start_time is given', async () => {
    await harness.ingestBulk([event('2024-03-19T10:00:00Z'), event('2024-03-20T11:59:59Z'), event('2024-03-20T12:00:00Z')]);
    // now = 03-20 12:00:00 → [03-19 00:00, 03-20 12:00): the first two → 2
    expect(await countWith({ start_time: '2024-03-19T00:00:00Z' })).toStrictEqual(count(2));
  });

  it('treats Go\'s zero time as not given', async () => {
    await harness.ingestBulk([event('2024-03-20T11:00:00Z')]);
    // end_time zero → now (03-20 12:00), start → 7 days before: the event is in → 1
    expect(await countWith({ end_time: '0001-01-01T00:00:00Z' })).toStrictEqual(count(1));
  });

  it('accepts start_time equal to end_time and finds nothing', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00Z')]);
    expect(await countWith({ start_time: '2024-03-13T10:00:00Z', end_time: '2024-03-13T10:00:00Z' })).toStrictEqual({ event_name: 'api_request', type: 'COUNT' });
  });

  it('answers WEIGHTED_SUM over an empty period with no value', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00.200Z', { gb: 5 })]);
    // Both bounds truncate to 10:00:00: T = 0 and no row can be in [10:00:00, 10:00:00)
    const response = await harness.usage({ event_name: 'api_request', aggregation_type: 'WEIGHTED_SUM', property_name: 'gb', start_time: '2024-03-13T10:00:00.100Z', end_time: '2024-03-13T10:00:00.900Z' });
    expect([response.status, response.body]).toStrictEqual([200, { event_name: 'api_request', type: 'WEIGHTED_SUM' }]);
  });
});

describe('POST /events/usage customers and filters', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  const countWith = async (request: Record<string, unknown>) => {
    const response = await harness.usage({ event_name: 'api_request', aggregation_type: 'COUNT', ...week, ...request });
    expect(response.status).toBe(200);
    return response.body as unknown;
  };

  it('filters by external_customer_id', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00Z'), event('2024-03-13T11:00:00Z', {}, undefined, { external_customer_id: 'c2' })]);
    expect(await countWith({ external_customer_id: 'c2' })).toStrictEqual(count(1));
    // An empty id is no filter at all → 2
    expect(await countWith({ external_customer_id: '' })).toStrictEqual(count(2));
  });

  it('matches customer_id only against events ingested with it', async () => {
    await harness.ingestBulk([
      event('2024-03-13T10:00:00Z', {}, undefined, { customer_id: 'cust_1' }),
      event('2024-03-13T11:00:00Z'),
    ]);
    expect(await countWith({ customer_id: 'cust_1' })).toStrictEqual(count(1));
    // Both given: ANDed; c1 has the one event with cust_1 → 1; c2 has none → nothing
    expect(await countWith({ customer_id: 'cust_1', external_customer_id: 'c1' })).toStrictEqual(count(1));
    expect(await countWith({ customer_id: 'cust_1', external_customer_id: 'c2' })).toStrictEqual({ event_name: 'api_request', type: 'COUNT' });
  });

  it('ANDs filter keys and ORs the values of one key', async () => {
    await harness.ingestBulk([
      event('2024-03-13T10:00:00Z', { region: 'us', tier: 'pro' }),
      event('2024-03-13T11:00:00Z', { region: 'eu', tier: 'pro' }),
      event('2024-03-13T12:00:00Z', { region: 'us', tier: 'free' }),
      event('2024-03-13T13:00:00Z', { region: 'apac', tier: 'pro' }),
    ]);
    // (region ∈ {us, eu}) ∧ (tier = pro): the first two → 2
    expect(await countWith({ filters: { region: ['us', 'eu'], tier: ['pro'] } })).toStrictEqual(count(2));
  });

  it('compares numbers and booleans in their string form', async () => {
    await harness.post('/events/bulk', { events: [event('2024-03-13T09:00:00Z', { status: 200, ok: true })] }).expect(202);
    // 200.0 in the JSON text is the float 200, stored as "200"
    const raw = '{"events":[{"event_name":"api_request","external_customer_id":"c1","timestamp":"2024-03-13T10:00:00Z","properties":{"status":200.0}}]}';
    await harness.post('/events/bulk', raw).set('content-type', 'application/json').expect(202);
    await harness.ingestBulk([
      event('2024-03-13T11:00:00Z', { status: '200' }),
      event('2024-03-13T12:00:00Z', { status: 201 }),
      event('2024-03-13T13:00:00Z', { status: '200.0', ok: 'yes' }),
    ]);
    // "200" matches 200, 200.0 and "200" (not 201, not the string "200.0") → 3
    expect(await countWith({ filters: { status: ['200'] } })).toStrictEqual(count(3));
    // "true" matches only the boolean true → 1
    expect(await countWith({ filters: { ok: ['true'] } })).toStrictEqual(count(1));
  });

  it('matches a missing or null property with the value ""', async () => {
    await harness.ingestBulk([
      event('2024-03-13T10:00:00Z', {}),
      event('2024-03-13T11:00:00Z', { region: null }),
      event('2024-03-13T12:00:00Z', { region: '' }),
      event('2024-03-13T13:00:00Z', { region: 'us' }),
    ]);
    // missing, null and "" → 3
    expect(await countWith({ filters: { region: [''] } })).toStrictEqual(count(3));
  });

  it('skips a filter key with no values', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00Z', { region: 'us' }), event('2024-03-13T11:00:00Z', {})]);
    // region: [] → no condition → 2
    expect(await countWith({ filters: { region: [] } })).toStrictEqual(count(2));
  });

  it('reads only top-level keys, literally', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00Z', { a: { b: 'x' } }), event('2024-03-13T11:00:00Z', { 'a.b': 'x' })]);
    // "a.b" is the literal key: only the second event → 1
    expect(await countWith({ filters: { 'a.b': ['x'] } })).toStrictEqual(count(1));
    // an object compares as its compact JSON with sorted keys → 1
    expect(await countWith({ filters: { a: ['{"b":"x"}'] } })).toStrictEqual(count(1));
  });

  it('reads a property named like an Object.prototype member as missing when absent', async () => {
    await harness.ingestBulk([event('2024-03-13T10:00:00Z', { constructor: 4 }), event('2024-03-13T11:00:00Z', {})]);
    const response = await harness.usage({ event_name: 'api_request', aggregation_type: 'SUM', property_name: 'constructor', ...week });
    // 4 + 0 (the second event has no own "constructor") = 4
    expect(response.body).toStrictEqual({ value: 4, event_name: 'api_request', type: 'SUM' });
    expect(await countWith({ filters: { toString: [''] } })).toStrictEqual(count(2));
  });

  it('matches event_name exactly (ingest trims it, the query does not)', async () => {
    await harness.ingestBulk([{ ...event('2024-03-13T10:00:00Z'), event_name: '  api_request\n' }]);
    expect(await countWith({})).toStrictEqual(count(1));
    const padded = await harness.usage({ event_name: ' api_request', aggregation_type: 'COUNT', ...week });
    expect(padded.body).toStrictEqual({ event_name: ' api_request', type: 'COUNT' });
  });
});
