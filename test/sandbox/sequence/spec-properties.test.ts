/**
 * Property tests driven by specs/sequence.yaml: spec-valid requests get spec-valid answers (the
 * simulator validates its responses, so a violation would be a 500) and never a 5xx; broken
 * requests get Sequence's 400 naming the broken field.
 */
import fc from 'fast-check';
import { apiErrorShape, createHarness } from './harness';
import { componentSchema, queryArbitrary, schemaArbitrary, versionHeader } from './schema-arbitrary';

const harness = createHarness({ maxEvents: 100_000 });
const isApiError = apiErrorShape();
const RUNS = { numRuns: 150 };
const CALCULATE = '/usage-metrics/{usageMetricId}/calculate';
const metricIds = ['count', 'sum', 'unique-grouped'];

beforeAll(() => {
  const calls = { metricType: 'SIMPLE', eventType: 'api_call' } as const;
  harness.simulator.addMetric({ ...calls, name: 'Count', aggregationType: 'COUNT' }, { id: 'count' });
  harness.simulator.addMetric({ ...calls, name: 'Sum', aggregationType: 'SUM', aggregationProperty: 'n', unit: 'u' }, { id: 'sum' });
  harness.simulator.addMetric(
    { ...calls, name: 'Unique', metricType: 'GROUPED', aggregationType: 'UNIQUE', aggregationProperty: 'n', groupingProperty: 'g' },
    { id: 'unique-grouped' },
  );
});
afterAll(() => {
  expect(harness.unexpected).toStrictEqual([]);
});

type Definition = Record<string, unknown> & { propertyFilters?: Record<string, unknown>; propertiesToNegate?: string[] | null };

/** The definition rules beyond the schema, restated from Sequence's docs. */
function breaksDefinitionRules(definition: Definition): boolean {
  const { aggregationType, metricType } = definition;
  if (aggregationType === 'CUSTOM') return true;
  if ((aggregationType === 'SUM' || aggregationType === 'UNIQUE') && !definition['aggregationProperty']) return true;
  if (metricType === 'GROUPED' && !definition['groupingProperty']) return true;
  return (definition.propertiesToNegate ?? []).some((property) => !Object.hasOwn(definition.propertyFilters ?? {}, property));
}

const expectApiError = (body: unknown, type: string) => {
  expect(isApiError(body)).toBe(true);
  expect((body as { error: { type: string } }).error.type).toBe(type);
};

describe('spec-valid requests', () => {
  it('POST /usage-metrics answers 201 with the metric, or 400 exactly when a definition rule is broken', async () => {
    await fc.assert(
      fc.asyncProperty(schemaArbitrary(componentSchema('CreateUsageMetricRequest')), versionHeader, async (definition, version) => {
        const request = harness.post('/usage-metrics', definition);
        const response = await (version ? request.set('Sequence-Version', version) : request);
        if (breaksDefinitionRules(definition as Definition)) {
          expect(response.status).toBe(400);
          expectApiError(response.body, 'validationError');
        } else {
          expect(response.status).toBe(201);
          expect(response.body.name).toBe((definition as Definition)['name']);
        }
      }),
      RUNS,
    );
  });

  it('POST /usage-events always answers 201 and stores the event as sent', async () => {
    await fc.assert(
      fc.asyncProperty(schemaArbitrary(componentSchema('CreateUsageEventRequest')), async (event) => {
        const sent = event as { customerAlias: string; eventType: string; customerEventId?: string | null; eventTimestamp?: string | null; eventProperties?: object };
        const response = await harness.post('/usage-events', sent);
        expect(response.status).toBe(201);
        expect(response.body.customerAlias).toBe(sent.customerAlias);
        expect(response.body.customerEventId).toBe(sent.customerEventId ?? response.body.id);
        // toEqual: a generated property named `constructor` defeats toStrictEqual's type check, not the simulator.
        expect(response.body.eventProperties).toEqual(JSON.parse(JSON.stringify(sent.eventProperties ?? {})));
        if (sent.eventTimestamp) expect(Date.parse(response.body.eventTimestamp)).toBe(Date.parse(sent.eventTimestamp.replace(' ', 'T').toUpperCase()));
      }),
      RUNS,
    );
  });

  it('GET calculate answers 200, or a 400/404 in Sequence shape, never a 5xx', async () => {
    const metricId = fc.oneof(fc.constantFrom(...metricIds), fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' }));
    await fc.assert(
      fc.asyncProperty(metricId, queryArbitrary(CALCULATE, 'get'), async (id, query) => {
        const response = await harness.get(`/usage-metrics/${encodeURIComponent(id)}/calculate`).query(query);
        expect([200, 400, 404]).toContain(response.status);
        if (response.status !== 200) expect(isApiError(response.body)).toBe(true);
        if (response.status === 404) expectApiError(response.body, 'NotFound');
      }),
      RUNS,
    );
  });

  it('GET calculate answers 200 for any real metric, aliases and ordered pair of dates', async () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...metricIds), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), day, day, async (id, aliases, a, b) => {
        const [periodStart, periodEnd] = a <= b ? [a, b] : [b, a];
        const customerAliases = ['someone', ...aliases].join(',');
        const response = await harness.get(`/usage-metrics/${id}/calculate`).query({ customerAliases, periodStart, periodEnd });
        expect(response.status).toBe(200);
        expect(Number.isInteger(response.body.eventCount)).toBe(true);
      }),
      RUNS,
    );
  });

  it('GET /usage-metrics answers 200 or a 400 validationError', async () => {
    await fc.assert(
      fc.asyncProperty(queryArbitrary('/usage-metrics', 'get'), async (query) => {
        const response = await harness.get('/usage-metrics').query(query);
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) expectApiError(response.body, 'validationError');
      }),
      RUNS,
    );
  });
});
