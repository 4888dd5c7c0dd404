import { createHarness, type Harness } from './harness';

// Sequence: "If multiple events with the same customer event ID are received, only the last one
// will contribute to usage metric calculations"; alias VOID cancels an event.
let harness: Harness;
beforeEach(() => {
  harness = createHarness();
  const metric = { name: 'Bytes', metricType: 'SIMPLE', eventType: 'upload', aggregationType: 'SUM', aggregationProperty: 'bytes' } as const;
  harness.simulator.addMetric(metric, { id: 'bytes' });
});

const upload = (bytes: number, changes: Record<string, unknown> = {}) => ({
  customerAlias: 'cust-a',
  eventType: 'upload',
  customerEventId: 'evt-1',
  eventTimestamp: '2024-03-05T10:00:00Z',
  eventProperties: { bytes },
  ...changes,
});

async function march(aliases = 'cust-a') {
  const response = await harness.get(`/usage-metrics/bytes/calculate?customerAliases=${aliases}&periodStart=2024-03-01&periodEnd=2024-03-31`);
  expect(response.status).toBe(200);
  return { eventCount: response.body.eventCount, value: response.body.value, minEventId: response.body.minEventId, maxEventId: response.body.maxEventId };
}

describe('last write wins per customerEventId', () => {
  it('counts only the last version of a resent event, and keeps every version', async () => {
    const first = await harness.post('/usage-events', upload(10));
    const second = await harness.post('/usage-events', upload(15));
    expect(await march()).toStrictEqual({ eventCount: 1, value: 15, minEventId: second.body.id, maxEventId: second.body.id });
    expect(harness.simulator.events().map((event) => event.id)).toStrictEqual([first.body.id, second.body.id]);
  });

  it('keeps events with different customerEventIds apart', async () => {
    const first = await harness.post('/usage-events', upload(10));
    const second = await harness.post('/usage-events', upload(15, { customerEventId: 'evt-2' }));
    expect(await march()).toStrictEqual({ eventCount: 2, value: 25, minEventId: first.body.id, maxEventId: second.body.id });
  });

  it('cancels an event resent with the alias VOID', async () => {
    await harness.post('/usage-events', upload(10));
    await harness.post('/usage-events', upload(10, { customerAlias: 'VOID' }));
    expect(await march()).toStrictEqual({ eventCount: 0, value: 0, minEventId: null, maxEventId: null });
  });

  it('never matches VOID, even when asked for it', async () => {
    await harness.post('/usage-events', upload(10, { customerAlias: 'VOID' }));
    const other = await harness.post('/usage-events', upload(3, { customerEventId: 'evt-2' }));
    expect(await march('VOID')).toStrictEqual({ eventCount: 0, value: 0, minEventId: null, maxEventId: null });
    expect(await march('VOID,cust-a')).toStrictEqual({ eventCount: 1, value: 3, minEventId: other.body.id, maxEventId: other.body.id });
  });

  it('moves an event resent with another timestamp, customer or type', async () => {
    await harness.post('/usage-events', upload(10));
    await harness.post('/usage-events', upload(10, { eventTimestamp: '2024-04-05T10:00:00Z' }));
    expect((await march()).eventCount).toBe(0);
    await harness.post('/usage-events', upload(10, { customerAlias: 'cust-b' }));
    expect((await march('cust-b')).eventCount).toBe(1);
    await harness.post('/usage-events', upload(10, { customerAlias: 'cust-b', eventType: 'download' }));
    expect((await march('cust-b')).eventCount).toBe(0);
  });

  it('applies within a seeding bulk in order', async () => {
    const stored = harness.simulator.addEvents([upload(1), upload(2), upload(4, { customerEventId: 'evt-2' }), upload(8)]);
    expect(await march()).toStrictEqual({ eventCount: 2, value: 12, minEventId: stored[2]?.id, maxEventId: stored[3]?.id });
  });
});
