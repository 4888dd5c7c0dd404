/**
 * Property tests: requests drawn from specs/svix.yaml's own request schema get answers that conform
 * to the spec (validateResponses is on, and every body is also checked here) and whose figures match
 * a brute-force count; broken requests get Svix's 4xx shapes, never a 5xx.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { loadSpec } from '../../../src/specs';
import { arbitraryFor, rfc3339 } from './spec-arbitraries';
import { APPS, ATTEMPTS, harness, STATS, TASKS } from './harness';

const spec = loadSpec('svix');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ components: spec.components }, 'svix');
const conformsTo = (name: string) => (body: unknown) => {
  const validate = ajv.getSchema(`svix#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
};
const bodySchemas: Record<number, string> = { 200: 'BackgroundTaskOut', 202: 'AppUsageStatsOut', 422: 'HTTPValidationError' };
const schemaOf = (status: number) => bodySchemas[status] ?? 'HttpErrorOut';

const h = harness({ taskDelayMs: 0, maxEvents: 10_000 });
const apps = [{ uid: 'acme' }, { uid: 'globex' }, { uid: 'initech' }, {}].map((input) => h.simulator.createApp(input));
const FROM = Date.UTC(2024, 6, 1);
const TO = Date.UTC(2025, 6, 1);
// 60 attempts spread over the year by a fixed stride, so the model below is known exactly.
const model = Array.from({ length: 60 }, (_, i) => ({
  app: apps[i % apps.length]!,
  epochMs: FROM + ((i * 7_919_993_417) % (TO - FROM)),
  count: (i % 3) + 1,
}));
h.simulator.recordAttempts({
  attempts: model.map((record) => ({ app: record.app.id, timestamp: new Date(record.epochMs).toISOString(), count: record.count })),
});

/** The bound as the spec's words define it, read with Date.parse and rounded up past the millisecond. */
function boundMs(text: string): number {
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return Date.parse(text.toUpperCase()) + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0);
}

const knownNames = [...apps.map((app) => app.id), 'acme', 'globex', 'initech'];
const statsIn = arbitraryFor(spec, { $ref: '#/components/schemas/AppUsageStatsIn' }, {
  overrides: { AppIdOrUid: (fromSpec) => fc.oneof(fromSpec, fc.constantFrom(...knownNames)) },
  dateTime: rfc3339(FROM - 30 * 86_400_000, TO + 30 * 86_400_000),
}) as fc.Arbitrary<{ since: string; until: string; appIds?: string[] | null }>;

describe('valid requests from the spec schema', () => {
  it('answer 202 or 422 as the rules say, conform to the spec, and count like brute force', async () => {
    const seen = { accepted: 0, counted: 0 };
    await fc.assert(
      fc.asyncProperty(statsIn, fc.constantFrom(STATS, `${STATS}/`), async (body, path) => {
        const response = await h.post(path, body);
        expect(conformsTo(schemaOf(response.status))(response.body)).toStrictEqual([]);
        const sinceMs = boundMs(body.since);
        const untilMs = boundMs(body.until);
        const asked = body.appIds ?? null;
        const chosen = asked === null ? apps : apps.filter((app) => asked.some((name) => name === app.id || name === app.uid));
        const ordered = asked === null ? chosen : asked.flatMap((name) => chosen.filter((app) => app.id === name || app.uid === name));
        const resolved = ordered.filter((app, position) => ordered.findIndex((other) => other.id === app.id) === position);
        if (untilMs < sinceMs || resolved.length === 0) {
          expect(response.status).toBe(422);
          return;
        }
        expect(response.status).toBe(202);
        seen.accepted += 1;
        expect(response.body.unresolvedAppIds).toStrictEqual(asked === null ? [] : asked.filter((name) => !knownNames.includes(name)));
        const task = await h.get(`${TASKS}/${response.body.id}`);
        expect(task.status).toBe(200);
        expect(conformsTo('BackgroundTaskOut')(task.body)).toStrictEqual([]);
        expect(task.body.data.appStats).toStrictEqual(
          resolved.map((app) => ({
            appId: app.id,
            appUid: app.uid,
            messageDestinations: model
              .filter((record) => record.app.id === app.id && record.epochMs >= sinceMs && record.epochMs < untilMs)
              .reduce((sum, record) => sum + record.count, 0),
          })),
        );
        if (task.body.data.appStats.some((stats: { messageDestinations: number }) => stats.messageDestinations > 0)) seen.counted += 1;
      }),
      { numRuns: 150 },
    );
    // The generators must keep reaching the interesting paths, not only the 422s.
    expect(seen.accepted).toBeGreaterThan(30);
    expect(seen.counted).toBeGreaterThan(15);
  });
});

const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant(null),
  fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
);
const notDateTime = fc.oneof(
  fc.string({ maxLength: 30 }).filter((text) => !/^\d{4}-\d{2}-\d{2}T/i.test(text)),
  fc.constantFrom('2025-02-30T00:00:00Z', '2025-01-01T24:00:00Z', '2025-01-01T00:00:00', '2025-13-01T00:00:00Z', '2025-01-01 00:00:00Z'),
);
const badItem = fc.oneof(
  fc.constant(''),
  fc.constant('x'.repeat(257)),
  fc.integer(),
  fc.constant(null),
  fc.stringMatching(/^[a-z]{0,3}[ $/#?é][a-z]{0,3}$/),
);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom('since', 'until') }),
  fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom('since', 'until'), value: fc.oneof(wrongType, notDateTime) }),
  fc.record({
    kind: fc.constant('set' as const),
    field: fc.constant('appIds'),
    value: fc.oneof(fc.integer(), fc.string(), fc.constant({}), badItem.map((item) => ['acme', item]), fc.constantFrom(['acme', 'acme'], ['x', 'y', 'x'])),
  }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer())) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer Value> ? Value : never;

function mutate(valid: object, change: Mutation): unknown {
  if (change.kind === 'replace') return change.value;
  return { ...valid, [change.field]: change.kind === 'drop' ? undefined : change.value };
}
const asJson = { authorization: 'Bearer second-token', 'content-type': 'application/json' };

describe('invalid requests', () => {
  it('answer 422 HTTPValidationError about the body, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(statsIn, mutation, async (valid, change) => {
        const response = await h.post(STATS, JSON.stringify(mutate(valid, change)), asJson);
        expect(response.status).toBe(422);
        expect(conformsTo('HTTPValidationError')(response.body)).toStrictEqual([]);
        expect(response.body.detail.length).toBeGreaterThan(0);
        for (const item of response.body.detail) expect(item.loc[0]).toBe('body');
      }),
      { numRuns: 150 },
    );
  });

  it('task ids: malformed → 422 about the path, well-formed but unknown → 404 not_found', async () => {
    const wellFormed = fc.stringMatching(/^qtask_[A-Za-z0-9]{27}$/);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), wellFormed), async (id) => {
        const response = await h.get(`${TASKS}/${encodeURIComponent(id)}`);
        const expected = /^qtask_[A-Za-z0-9]{27}$/.test(id) ? 404 : 422;
        expect(response.status).toBe(expected);
        expect(conformsTo(schemaOf(expected))(response.body)).toStrictEqual([]);
        if (expected === 422) expect(response.body.detail[0].loc).toStrictEqual(['path', 'task_id']);
      }),
      { numRuns: 100 },
    );
  });

  it('any JSON to any POST route is a Svix-shaped 2xx or 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(STATS, APPS, ATTEMPTS), fc.jsonValue({ maxDepth: 3 }), async (path, body) => {
        const response = await h.post(path, JSON.stringify(body), asJson);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(conformsTo(schemaOf(response.status))(response.body)).toStrictEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

afterAll(() => {
  expect(h.unexpected).toStrictEqual([]);
});
