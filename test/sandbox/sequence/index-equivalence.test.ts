/**
 * The indexed calculation answers exactly what a full scan answers: random histories of ingest
 * (resends across aliases, types and days, VOID, late events, awkward numbers) interleaved with
 * calculations, each compared with `calculateUsageMetric` over a plain last-write-wins reduction
 * of every stored row.
 */
import fc from 'fast-check';
import { SequenceApiError } from '../../../src/sandbox/sequence';
import { calculateUsageMetric } from '../../../src/sandbox/sequence/calculate';
import { parseCustomerAliases } from '../../../src/sandbox/sequence/calculate-params';
import { parseDateTime } from '../../../src/sandbox/sequence/instants';
import { parsePeriod } from '../../../src/sandbox/sequence/period';
import { createSequenceService, type SequenceService } from '../../../src/sandbox/sequence/service';
import type { CalculateQuery, CreateUsageMetricRequest, StoredEvent } from '../../../src/sandbox/sequence/types';

const base = { metricType: 'SIMPLE', eventType: 'job' } as const;
const metrics: Record<string, CreateUsageMetricRequest> = {
  count: { ...base, name: 'Jobs', aggregationType: 'COUNT' },
  sum: { ...base, name: 'Minutes', aggregationType: 'SUM', aggregationProperty: 'minutes' },
  'grouped-sum': { ...base, name: 'Minutes by kind', metricType: 'GROUPED', aggregationType: 'SUM', aggregationProperty: 'minutes', groupingProperty: 'kind' },
  'grouped-count': { ...base, name: 'Jobs by kind', metricType: 'GROUPED', aggregationType: 'COUNT', groupingProperty: 'kind' },
  unique: { ...base, name: 'Kinds', aggregationType: 'UNIQUE', aggregationProperty: 'kind' },
  'gpu-sum': { ...base, name: 'GPU minutes', aggregationType: 'SUM', aggregationProperty: 'minutes', propertyFilters: { kind: ['gpu'] }, caseSensitive: false },
  'not-gpu': { ...base, name: 'Other jobs', aggregationType: 'COUNT', propertyFilters: { kind: ['gpu'] }, propertiesToNegate: ['kind'] },
  other: { ...base, eventType: 'other', name: 'Other', aggregationType: 'SUM', aggregationProperty: 'minutes' },
};

const MARCH_1 = Date.UTC(2024, 2, 1);
const DAY = 86_400_000;

const minutes = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -1000, max: 1000 }).map((value) => (value / 8).toString()),
  fc.constantFrom(0.1, 0.2, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 60, 1e300, '9007199254740993', '0.00000000000000000001', '123456789012345678901.5', 'n/a', true, null),
);

const eventArbitrary = fc.record({
  customerAlias: fc.constantFrom('a', 'b', 'c', 'VOID'),
  eventType: fc.constantFrom('job', 'job', 'other'),
  customerEventId: fc.option(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'), { nil: undefined }),
  // A few shared instants (ties, day edges) and any millisecond from late February to early April.
  timestampMs: fc.oneof(fc.constantFrom(MARCH_1, MARCH_1 - 1, MARCH_1 + DAY, MARCH_1 + DAY - 1), fc.integer({ min: MARCH_1 - 3 * DAY, max: MARCH_1 + 34 * DAY })),
  minutes,
  kind: fc.option(fc.constantFrom('gpu', 'GPU', 'cpu'), { nil: undefined }),
});

const day = (offset: number) => new Date(MARCH_1 + offset * DAY).toISOString().slice(0, 10);
const queryArbitrary = fc.record({
  metric: fc.constantFrom(...Object.keys(metrics)),
  customerAliases: fc.subarray(['a', 'b', 'c', 'VOID', 'nobody', ' a ']).map((aliases) => aliases.join(',') || 'a'),
  start: fc.integer({ min: -3, max: 33 }),
  length: fc.integer({ min: 0, max: 35 }),
});

const stepArbitrary = fc.oneof(
  fc.record({ ingest: fc.array(eventArbitrary, { minLength: 1, maxLength: 8 }), clockStep: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ query: queryArbitrary }),
);

/** The answer of a calculation, or the Sequence error it threw. */
function outcome(calculate: () => unknown): unknown {
  try {
    return calculate();
  } catch (error) {
    if (error instanceof SequenceApiError) return error.toBody();
    throw error;
  }
}

/** `calculateUsageMetric` over the latest stored row of each customerEventId. */
function scanned(service: SequenceService, metricId: string, query: CalculateQuery): unknown {
  const latest = new Map<string, StoredEvent>();
  for (const event of service.events()) latest.set(event.customerEventId, { ...event, timestampMs: parseDateTime(event.eventTimestamp) ?? Number.NaN });
  const metric = service.getMetric(metricId);
  if (!metric) throw new Error(`no metric ${metricId}`);
  const scope = { aliases: parseCustomerAliases(query.customerAliases), ...parsePeriod(query.periodStart, query.periodEnd) };
  return calculateUsageMetric(metric, latest.values(), scope);
}

describe('indexed calculate', () => {
  it('answers what a full scan answers, over any history of ingest and calculations', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 30 }), (steps) => {
        const clock = { ms: MARCH_1 + 40 * DAY };
        const service = createSequenceService({ now: () => clock.ms, maxEvents: 10_000, maxMetrics: 20, sequenceAccountId: 'account' });
        for (const [id, definition] of Object.entries(metrics)) service.createMetric(definition, id);
        for (const step of steps) {
          if ('ingest' in step) {
            clock.ms += step.clockStep;
            service.ingestEvents(step.ingest.map(({ timestampMs, minutes: value, kind, ...event }) => ({
              ...event,
              eventTimestamp: new Date(timestampMs).toISOString(),
              eventProperties: { minutes: value, ...(kind === undefined ? {} : { kind }) },
            })));
            continue;
          }
          const { metric, customerAliases, start, length } = step.query;
          const query = { customerAliases, periodStart: day(start), periodEnd: day(start + length) };
          expect(outcome(() => service.calculate(metric, query))).toStrictEqual(outcome(() => scanned(service, metric, query)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
