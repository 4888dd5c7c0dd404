/**
 * Properties of the calculation over random event histories: COUNT and SUM agree with a plain
 * model of last-write-wins, periods split additively, a filter and its negation partition the
 * events, and resending the same events changes nothing. Each run uses its own aliases and ids.
 */
import fc from 'fast-check';
import { createHarness } from './harness';

const harness = createHarness({ maxEvents: 200_000 });
const RUNS = { numRuns: 100 };
let run = 0;

beforeAll(() => {
  const base = { metricType: 'SIMPLE', eventType: 'job' } as const;
  harness.simulator.addMetric({ ...base, name: 'Jobs', aggregationType: 'COUNT' }, { id: 'count' });
  harness.simulator.addMetric({ ...base, name: 'Minutes', aggregationType: 'SUM', aggregationProperty: 'minutes' }, { id: 'sum' });
  harness.simulator.addMetric({ ...base, name: 'GPU jobs', aggregationType: 'COUNT', propertyFilters: { kind: ['gpu'] } }, { id: 'gpu' });
  harness.simulator.addMetric(
    { ...base, name: 'Other jobs', aggregationType: 'COUNT', propertyFilters: { kind: ['gpu'] }, propertiesToNegate: ['kind'] },
    { id: 'not-gpu' },
  );
  harness.simulator.addMetric({ ...base, name: 'GPU any case', aggregationType: 'COUNT', propertyFilters: { kind: ['gpu'] }, caseSensitive: false }, { id: 'gpu-any-case' });
});
afterAll(() => {
  expect(harness.unexpected).toStrictEqual([]);
});

const MARCH_1 = Date.UTC(2024, 2, 1);
const DAY = 86_400_000;

const eventArbitrary = fc.record({
  alias: fc.constantFrom('a', 'b', 'VOID'),
  eventType: fc.constantFrom('job', 'job', 'other'),
  customerEventId: fc.option(fc.constantFrom<string>('e1', 'e2', 'e3', 'e4'), { nil: undefined }),
  // Late February to early April, so period edges matter.
  timestampMs: fc.integer({ min: MARCH_1 - 3 * DAY, max: MARCH_1 + 34 * DAY }),
  minutes: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }).map(String), fc.constant('n/a')),
  kind: fc.option(fc.constantFrom('gpu', 'GPU', 'cpu'), { nil: undefined }),
});
type GeneratedEvent = typeof eventArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Seeds the events under this run's own aliases and ids; returns the run's alias prefix. */
function seed(events: GeneratedEvent[]): string {
  run += 1;
  const prefix = `run${run}-`;
  harness.simulator.addEvents(events.map((event) => toRequest(event, prefix)));
  return prefix;
}

function toRequest(event: GeneratedEvent, prefix: string) {
  return {
    customerAlias: event.alias === 'VOID' ? 'VOID' : `${prefix}${event.alias}`,
    eventType: event.eventType,
    customerEventId: event.customerEventId === undefined ? undefined : `${prefix}${event.customerEventId}`,
    eventTimestamp: new Date(event.timestampMs).toISOString(),
    eventProperties: { minutes: event.minutes, ...(event.kind === undefined ? {} : { kind: event.kind }) },
  };
}

/** The plain model: latest version per customerEventId, then alias, type and [from, to) filters. */
function model(events: GeneratedEvent[], alias: string, fromMs: number, toMs: number) {
  const latest = new Map<string, GeneratedEvent>();
  events.forEach((event, index) => latest.set(event.customerEventId ?? `unique-${index}`, event));
  const selected = [...latest.values()].filter(
    (event) => event.alias === alias && event.eventType === 'job' && event.timestampMs >= fromMs && event.timestampMs < toMs,
  );
  const minutes = selected.map((event) => Number(event.minutes)).filter((value) => Number.isFinite(value));
  return { eventCount: selected.length, value: minutes.reduce((total, value) => total + value, 0) };
}

const day = (offset: number) => new Date(MARCH_1 + offset * DAY).toISOString().slice(0, 10);

async function calculate(metric: string, aliases: string, periodStart: string, periodEnd: string) {
  const response = await harness.get(`/usage-metrics/${metric}/calculate`).query({ customerAliases: aliases, periodStart, periodEnd });
  expect(response.status).toBe(200);
  return { eventCount: response.body.eventCount as number, value: response.body.value as number };
}

const history = fc.array(eventArbitrary, { maxLength: 25 });

describe('calculate over random histories', () => {
  it('COUNT and SUM match the last-write-wins model for any period', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: -3, max: 33 }), fc.integer({ min: 0, max: 10 }), async (events, start, length) => {
        const prefix = seed(events);
        const expected = model(events, 'a', MARCH_1 + start * DAY, MARCH_1 + (start + length + 1) * DAY);
        const count = await calculate('count', `${prefix}a`, day(start), day(start + length));
        const sum = await calculate('sum', `${prefix}a`, day(start), day(start + length));
        expect(count).toStrictEqual({ eventCount: expected.eventCount, value: expected.eventCount });
        expect(sum).toStrictEqual(expected);
      }),
      RUNS,
    );
  });

  it('splitting a period in two splits the count and the sum', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 0, max: 29 }), async (events, split) => {
        const prefix = seed(events);
        const aliases = `${prefix}a,${prefix}b`;
        for (const metric of ['count', 'sum']) {
          const whole = await calculate(metric, aliases, day(0), day(30));
          const left = await calculate(metric, aliases, day(0), day(split));
          const right = await calculate(metric, aliases, day(split + 1), day(30));
          expect({ eventCount: left.eventCount + right.eventCount, value: left.value + right.value }).toStrictEqual(whole);
        }
      }),
      RUNS,
    );
  });

  it('a filter and its negation partition the events; ignoring case never matches fewer', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (events) => {
        const prefix = seed(events);
        const aliases = `${prefix}a,${prefix}b`;
        const all = await calculate('count', aliases, day(-3), day(34));
        const gpu = await calculate('gpu', aliases, day(-3), day(34));
        const notGpu = await calculate('not-gpu', aliases, day(-3), day(34));
        const anyCase = await calculate('gpu-any-case', aliases, day(-3), day(34));
        expect(gpu.eventCount + notGpu.eventCount).toBe(all.eventCount);
        expect(anyCase.eventCount).toBeGreaterThanOrEqual(gpu.eventCount);
      }),
      RUNS,
    );
  });

  it('resending the same events with their customerEventIds changes nothing', async () => {
    const keyed = fc.array(eventArbitrary.map((event) => ({ ...event, customerEventId: event.customerEventId ?? 'e5' })), { maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(keyed, async (events) => {
        const prefix = seed(events);
        const before = await calculate('sum', `${prefix}a`, day(-3), day(34));
        harness.simulator.addEvents(events.map((event) => toRequest(event, prefix)));
        expect(await calculate('sum', `${prefix}a`, day(-3), day(34))).toStrictEqual(before);
      }),
      RUNS,
    );
  });
});
