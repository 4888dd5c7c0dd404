/**
 * Sequence: `GET /usage-metrics` and `GET /usage-metrics/{id}/calculate`, their query parameters
 * generated from the spec's parameter schemas (required ones always, `limit` within its bounds,
 * `Sequence-Version` from its enum or left out). Periods are UTC dates with an inclusive end, as
 * the adapter sends them. `customParameters` is left out: Sequence documents no format for it.
 * Without configured metrics, the metric ids come from Sequence's own list. With
 * `--allow-writes`, `POST /usage-events` from `CreateUsageEventRequest`.
 */
import fc from 'fast-check';
import { isObject } from '../../providers/spec-operations';
import { badDate, mutated, outsideEnum } from '../mutations';
import type { RequestCase } from '../model';
import { dateText, type PlanContext, type ProviderPlan } from '../plan';
import { resolveSchema, schemaArbitrary, type Overrides } from '../schema-arbitrary';

const DAY_MS = 86_400_000;
const eventSchema = { $ref: '#/components/schemas/CreateUsageEventRequest' };

type Query = Record<string, string | undefined>;

const queryString = (query: Query): string => {
  // customerAliases is one comma-separated list: the commas stay raw (the spec's allowReserved).
  const parts = Object.entries(query).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${value.split(',').map(encodeURIComponent).join(',')}`]));
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

function calculate(metric: string, query: Query, headers: Record<string, string>, kind: RequestCase['kind'], description?: string): RequestCase {
  return {
    operation: 'GET /usage-metrics/{usageMetricId}/calculate', kind, method: 'GET',
    path: `/usage-metrics/${encodeURIComponent(metric)}/calculate${queryString(query)}`, headers, ...(description ? { description } : {}),
  };
}

function list(query: Query, kind: RequestCase['kind'], description?: string): RequestCase {
  return { operation: 'GET /usage-metrics', kind, method: 'GET', path: `/usage-metrics${queryString(query)}`, ...(description ? { description } : {}) };
}

/** The metric ids a `GET /usage-metrics` answer lists. */
function listedIds(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const items = isObject(parsed) && Array.isArray(parsed.items) ? parsed.items : [];
    return items.flatMap((item) => (isObject(item) && typeof item.id === 'string' ? [item.id] : []));
  } catch {
    return [];
  }
}

export async function sequencePlan(context: PlanContext): Promise<ProviderPlan> {
  const { spec, subjects } = context;
  const { period } = subjects;
  const versions = resolveSchema(spec, { $ref: '#/components/parameters/SequenceVersion' }).schema;
  const version = fc.option(schemaArbitrary(spec, versions) as fc.Arbitrary<string>, { nil: undefined });
  const limit = schemaArbitrary(spec, { type: 'integer', minimum: 1, maximum: 100 }) as fc.Arbitrary<number>;
  if (subjects.metrics.length === 0) {
    const exchange = await context.discover(list({ limit: '20' }, 'positive'));
    // The plan's subjects are the run's: the invariants ask about the same metrics.
    subjects.metrics.push(...listedIds(exchange?.response?.body ?? '').slice(0, 5));
  }
  const metric = subjects.metrics.length > 0 ? fc.constantFrom(...subjects.metrics) : fc.constant('unknown-metric');
  const aliases = subjects.customers.length > 0
    ? fc.subarray(subjects.customers, { minLength: 1 })
    : fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 3 });
  const days = (period.to - period.from) / DAY_MS;
  const range = fc.tuple(fc.nat(days - 1), fc.nat(days - 1)).map(([a, b]) => ({
    periodStart: dateText(period.from + Math.min(a, b) * DAY_MS),
    periodEnd: dateText(period.from + Math.max(a, b) * DAY_MS),
  }));
  const calculation = fc.record({ metric, aliases, range, version });
  const headersOf = (value: string | undefined): Record<string, string> => (value === undefined ? {} : { 'Sequence-Version': value });
  const positiveCalculate = calculation.map(({ metric: id, aliases: names, range: dates, version: value }) =>
    calculate(id, { customerAliases: names.join(','), ...dates }, headersOf(value), 'positive'));
  const positiveList = fc.tuple(fc.option(limit, { nil: undefined }), version).map(([size, value]) => ({
    ...list({ limit: size === undefined ? undefined : String(size) }, 'positive'), headers: headersOf(value),
  }));
  const negative = fc.tuple(calculation, fc.nat()).map(([{ metric: id, aliases: names, range: dates }, pick]): RequestCase => {
    const query: Query = { customerAliases: names.join(','), ...dates };
    const broken: RequestCase[] = [
      ...Object.keys(query).map((name) => calculate(id, { ...query, [name]: undefined }, {}, 'negative', `${name} missing`)),
      calculate(id, { ...query, periodStart: badDate.slice(0, 10) }, {}, 'negative', 'periodStart not a date'),
      calculate(id, query, { 'Sequence-Version': outsideEnum }, 'negative', 'Sequence-Version outside its enum'),
      list({ limit: '0' }, 'negative', 'limit below its minimum'),
      list({ limit: 'many' }, 'negative', 'limit of the wrong type'),
    ];
    return broken[pick % broken.length] as RequestCase;
  });
  const eventOverrides: Overrides = (path) => (path.join('.') === 'eventType' ? fc.constant('verify_check') : undefined);
  const event = schemaArbitrary(spec, eventSchema, eventOverrides) as fc.Arbitrary<Record<string, unknown>>;
  const ingest = (kind: RequestCase['kind'], body: unknown, description?: string): RequestCase => ({
    operation: 'POST /usage-events', kind, method: 'POST', path: '/usage-events', body, ...(description ? { description } : {}),
  });
  return {
    probes: [
      list({ limit: '1' }, 'credentials'),
      calculate(subjects.metrics[0] ?? 'unknown-metric', { customerAliases: subjects.customers[0] ?? 'acme', periodStart: dateText(period.from), periodEnd: dateText(period.to - DAY_MS) }, {}, 'credentials'),
    ],
    wrongCredentials: { Authorization: `Basic ${Buffer.from('verify-wrong-client:verify-wrong-secret').toString('base64')}` },
    positive: fc.oneof({ arbitrary: positiveCalculate, weight: 4 }, { arbitrary: positiveList, weight: 1 }),
    negative,
    writes: {
      positive: event.map((body) => ingest('positive', body)),
      negative: mutated(spec, eventSchema, event, { description: 'eventType missing', body: {} })
        .map((chosen) => ingest('negative', chosen.body, chosen.description)),
    },
  };
}
