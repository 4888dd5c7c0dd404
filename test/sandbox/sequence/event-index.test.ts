/**
 * The time-sorted index behind calculate: a resend moves an event between aliases, types and
 * periods (VOID included), late and out-of-order events land in the right window, and ingest
 * between calculations keeps every answer exact.
 */
import { createHarness, type Harness } from './harness';

let harness: Harness;
beforeEach(() => {
  harness = createHarness();
  const base = { metricType: 'SIMPLE', eventType: 'upload' } as const;
  harness.simulator.addMetric({ ...base, name: 'Uploads', aggregationType: 'COUNT' }, { id: 'uploads' });
  harness.simulator.addMetric({ ...base, name: 'Bytes', aggregationType: 'SUM', aggregationProperty: 'bytes' }, { id: 'bytes' });
  harness.simulator.addMetric({ ...base, eventType: 'download', name: 'Downloads', aggregationType: 'COUNT' }, { id: 'downloads' });
});

const event = (customerEventId: string, eventTimestamp: string, changes: Record<string, unknown> = {}) => ({
  customerAlias: 'cust-a',
  eventType: 'upload',
  customerEventId,
  eventTimestamp,
  eventProperties: { bytes: 1 },
  ...changes,
});

/** The figures of one calculate call (periods are inclusive dates). */
async function figures(metric: string, aliases: string, periodStart = '2024-03-01', periodEnd = '2024-03-31') {
  const response = await harness.get(`/usage-metrics/${metric}/calculate?customerAliases=${aliases}&periodStart=${periodStart}&periodEnd=${periodEnd}`);
  expect(response.status).toBe(200);
  const { eventCount, value, minEventId, maxEventId } = response.body as Record<string, unknown>;
  return { eventCount, value, minEventId, maxEventId };
}

const none = { eventCount: 0, value: 0, minEventId: null, maxEventId: null };

/** Just the count and the value. */
async function totals(metric: string, aliases: string, periodStart?: string, periodEnd?: string) {
  const { eventCount, value } = await figures(metric, aliases, periodStart, periodEnd);
  return { eventCount, value };
}

describe('a resend moves the event in the index', () => {
  it('to another alias, then back', async () => {
    const [first, other] = harness.simulator.addEvents([event('e1', '2024-03-05T10:00:00Z'), event('e2', '2024-03-06T10:00:00Z')]);
    expect(await figures('uploads', 'cust-a')).toStrictEqual({ eventCount: 2, value: 2, minEventId: first?.id, maxEventId: other?.id });
    const moved = harness.simulator.addEvent(event('e1', '2024-03-05T10:00:00Z', { customerAlias: 'cust-b' }));
    expect(await figures('uploads', 'cust-a')).toStrictEqual({ eventCount: 1, value: 1, minEventId: other?.id, maxEventId: other?.id });
    expect(await figures('uploads', 'cust-b')).toStrictEqual({ eventCount: 1, value: 1, minEventId: moved.id, maxEventId: moved.id });
    const back = harness.simulator.addEvent(event('e1', '2024-03-05T10:00:00Z'));
    expect(await figures('uploads', 'cust-a,cust-b')).toStrictEqual({ eventCount: 2, value: 2, minEventId: other?.id, maxEventId: back.id });
    expect(await figures('uploads', 'cust-b')).toStrictEqual(none);
  });

  it('to another event type', async () => {
    harness.simulator.addEvent(event('e1', '2024-03-05T10:00:00Z'));
    const moved = harness.simulator.addEvent(event('e1', '2024-03-05T10:00:00Z', { eventType: 'download' }));
    expect(await figures('uploads', 'cust-a')).toStrictEqual(none);
    expect(await figures('downloads', 'cust-a')).toStrictEqual({ eventCount: 1, value: 1, minEventId: moved.id, maxEventId: moved.id });
  });

  it('to another period and day, with its new value', async () => {
    harness.simulator.addEvent(event('e1', '2024-03-05T10:00:00Z', { eventProperties: { bytes: 10 } }));
    harness.simulator.addEvent(event('e1', '2024-04-02T10:00:00Z', { eventProperties: { bytes: 20 } }));
    expect(await figures('bytes', 'cust-a')).toStrictEqual(none);
    const latest = harness.simulator.addEvent(event('e1', '2024-03-20T10:00:00Z', { eventProperties: { bytes: 30 } }));
    const march20 = { eventCount: 1, value: 30, minEventId: latest.id, maxEventId: latest.id };
    expect(await figures('bytes', 'cust-a', '2024-03-05', '2024-03-05')).toStrictEqual(none);
    expect(await figures('bytes', 'cust-a', '2024-03-20', '2024-03-20')).toStrictEqual(march20);
    expect(await figures('bytes', 'cust-a', '2024-04-01', '2024-04-30')).toStrictEqual(none);
  });

  it('out of VOID and into it again', async () => {
    harness.simulator.addEvents([event('e1', '2024-03-05T10:00:00Z'), event('e1', '2024-03-05T10:00:00Z', { customerAlias: 'VOID' })]);
    expect(await figures('uploads', 'cust-a')).toStrictEqual(none);
    const revived = harness.simulator.addEvent(event('e1', '2024-03-07T10:00:00Z', { eventProperties: { bytes: 4 } }));
    expect(await figures('bytes', 'cust-a')).toStrictEqual({ eventCount: 1, value: 4, minEventId: revived.id, maxEventId: revived.id });
    harness.simulator.addEvent(event('e1', '2024-03-07T10:00:00Z', { customerAlias: 'VOID' }));
    expect(await figures('bytes', 'cust-a,VOID')).toStrictEqual(none);
  });

  it('many times within one series, in one bulk and across bulks', async () => {
    harness.simulator.addEvents([1, 2, 3].map((bytes) => event('e1', `2024-03-0${bytes}T10:00:00Z`, { eventProperties: { bytes } })));
    const kept = harness.simulator.addEvents([event('e2', '2024-03-09T00:00:00Z', { eventProperties: { bytes: 100 } })]);
    const last = harness.simulator.addEvent(event('e1', '2024-03-01T00:00:00Z', { eventProperties: { bytes: 7 } }));
    expect(await figures('bytes', 'cust-a')).toStrictEqual({ eventCount: 2, value: 107, minEventId: kept[0]?.id, maxEventId: last.id });
  });
});

describe('time order', () => {
  it('places events received out of order in their own windows, both period edges exact', async () => {
    const stored = harness.simulator.addEvents([
      event('late', '2024-03-31T23:59:59.999Z', { eventProperties: { bytes: 8 } }),
      event('next', '2024-04-01T00:00:00Z', { eventProperties: { bytes: 16 } }),
      event('first', '2024-03-01T00:00:00Z', { eventProperties: { bytes: 1 } }),
      event('before', '2024-02-29T23:59:59.999Z', { eventProperties: { bytes: 32 } }),
      event('tie', '2024-03-01T00:00:00Z', { eventProperties: { bytes: 2 } }),
    ]);
    const [late, next, first, before, tie] = stored.map((item) => item.id);
    expect(await figures('bytes', 'cust-a')).toStrictEqual({ eventCount: 3, value: 11, minEventId: late, maxEventId: tie });
    expect(await figures('bytes', 'cust-a', '2024-03-01', '2024-03-01')).toStrictEqual({ eventCount: 2, value: 3, minEventId: first, maxEventId: tie });
    expect(await figures('bytes', 'cust-a', '2024-02-29', '2024-02-29')).toStrictEqual({ eventCount: 1, value: 32, minEventId: before, maxEventId: before });
    expect(await figures('bytes', 'cust-a', '2024-04-01', '2024-04-01')).toStrictEqual({ eventCount: 1, value: 16, minEventId: next, maxEventId: next });
  });

  it('reads ids by receipt, not by timestamp', async () => {
    const [newest, oldest] = harness.simulator.addEvents([event('e1', '2024-03-30T00:00:00Z'), event('e2', '2024-03-02T00:00:00Z')]);
    expect(await figures('uploads', 'cust-a')).toStrictEqual({ eventCount: 2, value: 2, minEventId: newest?.id, maxEventId: oldest?.id });
  });

  it('compares the ids themselves once they stop ascending (the 48-bit clock has run out)', async () => {
    harness.clock.ms = 2 ** 48 - 1;
    // Past 4096 ids in the last millisecond the counter wraps, so later ids may sort before earlier ones.
    const stored = harness.simulator.addEvents(Array.from({ length: 4100 }, (_unused, index) => event(`e${index}`, '2024-03-05T10:00:00Z')));
    const ids = stored.map((item) => item.id).sort();
    expect(await figures('uploads', 'cust-a')).toStrictEqual({ eventCount: 4100, value: 4100, minEventId: ids[0], maxEventId: ids[4099] });
  });

  it('counts an alias listed twice once, and answers nothing for an alias with no events', async () => {
    const [only] = harness.simulator.addEvents([event('e1', '2024-03-05T10:00:00Z')]);
    const expected = { eventCount: 1, value: 1, minEventId: only?.id, maxEventId: only?.id };
    expect(await figures('uploads', 'cust-a,%20cust-a%20,nobody')).toStrictEqual(expected);
  });
});

describe('ingest between calculations', () => {
  it('keeps SUM exact as later events bring more decimals, bigger numbers and resends', async () => {
    harness.simulator.addEvents([event('e1', '2024-03-05T00:00:00Z', { eventProperties: { bytes: 10 } }), event('e2', '2024-03-06T00:00:00Z', { eventProperties: { bytes: 20 } })]);
    expect(await totals('bytes', 'cust-a')).toStrictEqual({ eventCount: 2, value: 30 });
    harness.simulator.addEvents([event('e3', '2024-03-04T00:00:00Z', { eventProperties: { bytes: '0.125' } }), event('e4', '2024-03-07T00:00:00Z', { eventProperties: { bytes: 0.1 } })]);
    expect(await totals('bytes', 'cust-a')).toStrictEqual({ eventCount: 4, value: 30.225 });
    // 19 decimals: more than a double's integers can carry, so this series sums as BigInt from now on.
    harness.simulator.addEvent(event('e5', '2024-03-08T00:00:00Z', { eventProperties: { bytes: '0.0000000000000000001' } }));
    expect(await totals('bytes', 'cust-a', '2024-03-08', '2024-03-08')).toStrictEqual({ eventCount: 1, value: 1e-19 });
    expect(await totals('bytes', 'cust-a', '2024-03-06', '2024-03-08')).toStrictEqual({ eventCount: 3, value: 20.1 });
    // 2^53 + 1 + 30.225 rounds to 2^53 + 32; adding doubles would have lost the 1 and answered 2^53 + 30.
    harness.simulator.addEvent(event('e5', '2024-03-08T00:00:00Z', { eventProperties: { bytes: '9007199254740993' } }));
    expect(await totals('bytes', 'cust-a')).toStrictEqual({ eventCount: 5, value: 9007199254741024 });
    harness.simulator.addEvent(event('e5', '2024-03-08T00:00:00Z', { eventProperties: { bytes: 'none' } }));
    expect(await totals('bytes', 'cust-a')).toStrictEqual({ eventCount: 5, value: 30.225 });
  });

  it('adds values near 2^53 exactly, and answers 400 past the double range', async () => {
    const big = Number.MAX_SAFE_INTEGER;
    // Added as doubles, 2 × big + 3 would round to 2^54 and the answer would be 1.
    harness.simulator.addEvents([big, big, 3, -big, -big].map((bytes, index) => event(`e${index}`, '2024-03-05T00:00:00Z', { eventProperties: { bytes } })));
    expect(await totals('bytes', 'cust-a')).toStrictEqual({ eventCount: 5, value: 3 });
    harness.simulator.addEvents([event('huge-1', '2024-03-06T00:00:00Z', { eventProperties: { bytes: 1.7e308 } }), event('huge-2', '2024-03-06T00:00:00Z', { eventProperties: { bytes: 1.7e308 } })]);
    const response = await harness.get('/usage-metrics/bytes/calculate?customerAliases=cust-a&periodStart=2024-03-01&periodEnd=2024-03-31');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual({
      error: { type: 'calculationError', message: 'The sum of bytes for metric bytes exceeds the largest number the API can return' },
    });
    expect(await totals('bytes', 'cust-a', '2024-03-05', '2024-03-05')).toStrictEqual({ eventCount: 5, value: 3 });
  });
});
