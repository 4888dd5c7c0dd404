/**
 * Broken requests, derived from the spec's request schemas: each loses a required field, gets a
 * wrong type or an unknown enum value; the answer is always Sequence's 400 naming that field.
 */
import fc from 'fast-check';
import { apiErrorShape, createHarness } from './harness';
import { componentSchema, queryArbitrary, queryParameters, resolve, schemaArbitrary, type Schema } from './schema-arbitrary';

const harness = createHarness();
const isApiError = apiErrorShape();
const RUNS = { numRuns: 120 };
const CALCULATE = '/usage-metrics/{usageMetricId}/calculate';

beforeAll(() => {
  harness.simulator.addMetric({ name: 'Count', metricType: 'SIMPLE', eventType: 'api_call', aggregationType: 'COUNT' }, { id: 'count' });
});
afterAll(() => {
  expect(harness.unexpected).toStrictEqual([]);
});

interface Mutation {
  key: string;
  apply(body: Record<string, unknown>): void;
}

/** A value of a type the property's schema does not allow (null only where it is not nullable). */
function wrongValue(schema: Schema): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  if (resolved.enum) return fc.string({ maxLength: 8 }).filter((value) => !resolved.enum?.includes(value));
  switch (resolved.type) {
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]));
    case 'boolean':
      return fc.oneof(fc.constantFrom('yes', 'true', '1'), fc.integer());
    case 'array':
      return fc.oneof(fc.string(), fc.integer(), fc.constant({}));
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant([1]));
  }
}

/** Every single-field way to break a body of this schema. */
function mutations(schemaName: string): fc.Arbitrary<Mutation> {
  const schema = componentSchema(schemaName);
  const missing = (schema.required ?? []).map((key) => fc.constant<Mutation>({ key, apply: (body) => delete body[key] }));
  const wrong = Object.entries(schema.properties ?? {}).map(([key, property]) =>
    wrongValue(property).map<Mutation>((value) => ({ key, apply: (body) => (body[key] = value) })),
  );
  return fc.oneof(...missing, ...wrong);
}

function brokenBodies(schemaName: string) {
  return fc.tuple(schemaArbitrary(componentSchema(schemaName)), mutations(schemaName)).map(([valid, mutation]) => {
    const body = { ...(valid as Record<string, unknown>) };
    mutation.apply(body);
    return { body, key: mutation.key };
  });
}

const expectValidationErrorNaming = (response: { status: number; body: unknown }, key: string) => {
  expect(response.status).toBe(400);
  expect(isApiError(response.body)).toBe(true);
  const { error } = response.body as { error: { type: string; errors: { key: string }[] } };
  expect(error.type).toBe('validationError');
  expect(error.errors.map((item) => item.key)).toContain(key);
};

describe('spec-invalid requests', () => {
  it.each(['CreateUsageMetricRequest', 'CreateUsageEventRequest'])('a broken %s answers 400 naming the field', async (schemaName) => {
    const path = schemaName === 'CreateUsageMetricRequest' ? '/usage-metrics' : '/usage-events';
    await fc.assert(
      fc.asyncProperty(brokenBodies(schemaName), async ({ body, key }) => {
        expectValidationErrorNaming(await harness.post(path, body), key);
      }),
      RUNS,
    );
  });

  it('calculate without a required parameter answers 400 naming it', async () => {
    const required = queryParameters(CALCULATE, 'get').filter((parameter) => parameter.required).map((parameter) => parameter.name);
    await fc.assert(
      fc.asyncProperty(queryArbitrary(CALCULATE, 'get'), fc.constantFrom(...required), async (query, key) => {
        const broken = { ...query };
        delete broken[key];
        expectValidationErrorNaming(await harness.get('/usage-metrics/count/calculate').query(broken), key);
      }),
      RUNS,
    );
  });

  it('a parameter the operation does not declare answers 400 naming it', async () => {
    const declared = new Set(queryParameters(CALCULATE, 'get').map((parameter) => parameter.name));
    const unknownName = fc.stringMatching(/^[a-z][A-Za-z]{0,10}$/).filter((name) => !declared.has(name));
    await fc.assert(
      fc.asyncProperty(unknownName, async (name) => {
        const query = { customerAliases: 'a', periodStart: '2024-03-01', periodEnd: '2024-03-31', [name]: 'x' };
        expectValidationErrorNaming(await harness.get('/usage-metrics/count/calculate').query(query), name);
      }),
      RUNS,
    );
  });

  it('a limit outside 1-100 answers 400 naming limit', async () => {
    const limit = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101 }), fc.constantFrom('ten', '1.5', 'abc'));
    await fc.assert(
      fc.asyncProperty(limit, async (value) => {
        expectValidationErrorNaming(await harness.get('/usage-metrics').query({ limit: value }), 'limit');
      }),
      RUNS,
    );
  });

  it('any Sequence-Version but 2024-07-30 answers 400 UnrecognisedApiVersion', async () => {
    const version = fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).filter((value) => value.trim() === value && value !== '2024-07-30');
    await fc.assert(
      fc.asyncProperty(version, async (value) => {
        const response = await harness.get('/usage-metrics').set('Sequence-Version', value);
        expect(response.status).toBe(400);
        expect(response.body.error.type).toBe('UnrecognisedApiVersion');
      }),
      RUNS,
    );
  });
});
