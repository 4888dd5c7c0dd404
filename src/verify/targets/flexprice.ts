/**
 * Flexprice: `POST /events/usage` generated from `GetUsageRequest` (every aggregation, window and
 * bucket size, filter and grouping shape), and with `--allow-writes` `POST /events` from
 * `IngestEventRequest`. Flexprice upper-cases `aggregation_type` and counts when `property_name`
 * is empty, so an unknown aggregation is refused only beside a property: the negative case sets one.
 */
import fc from 'fast-check';
import { mutated, type Mutation } from '../mutations';
import type { RequestCase } from '../model';
import { instantText, smallWindows, type PlanContext, type ProviderPlan } from '../plan';
import { schemaArbitrary, type Overrides } from '../schema-arbitrary';

const HOUR_MS = 3_600_000;
const usageSchema = { $ref: '#/components/schemas/GetUsageRequest' };
const ingestSchema = { $ref: '#/components/schemas/IngestEventRequest' };
const usage = (body: unknown, kind: RequestCase['kind'], description?: string): RequestCase => ({
  operation: 'POST /events/usage', kind, method: 'POST', path: '/events/usage', body, ...(description ? { description } : {}),
});

/** A generated body made answerable: an ordered range, a multiplier only where Flexprice takes one. */
function answerable(body: Record<string, unknown>): Record<string, unknown> {
  const fixed = { ...body };
  delete fixed.customer_id;
  if (fixed.aggregation_type !== 'SUM_WITH_MULTIPLIER') delete fixed.multiplier;
  // Without a property Flexprice counts, and then refuses the multiplier.
  else if (!fixed.property_name) fixed.property_name = 'value';
  const start = typeof fixed.start_time === 'string' ? Date.parse(fixed.start_time) : undefined;
  const end = typeof fixed.end_time === 'string' ? Date.parse(fixed.end_time) : undefined;
  if (start !== undefined && end !== undefined && end < start) [fixed.start_time, fixed.end_time] = [fixed.end_time, fixed.start_time];
  const small = [fixed.window_size, fixed.bucket_size].some((size) => typeof size === 'string' && smallWindows.has(size));
  if (small && typeof fixed.start_time === 'string') fixed.end_time = instantText(Date.parse(fixed.start_time) + 24 * HOUR_MS);
  else if (small) {
    delete fixed.window_size;
    delete fixed.bucket_size;
  }
  return fixed;
}

export function flexpricePlan(context: PlanContext): ProviderPlan {
  const { spec, subjects } = context;
  const { period } = subjects;
  const instant = fc.integer({ min: period.from, max: period.to }).map(instantText);
  const names = subjects.metrics.length > 0 ? fc.constantFrom(...subjects.metrics) : fc.constant('api_request');
  const properties = [...(subjects.sumProperty ? [subjects.sumProperty] : []), 'value', ''];
  const overrides: Overrides = (path) => {
    switch (path.join('.')) {
      case 'event_name':
        return names;
      case 'external_customer_id':
        return subjects.customers.length > 0 ? fc.constantFrom(...subjects.customers) : fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
      case 'start_time':
      case 'end_time':
      case 'billing_anchor':
      case 'timestamp':
        return instant;
      case 'multiplier':
        return fc.constantFrom('1.5', '2', '0.25', '10');
      case 'property_name':
        return fc.constantFrom(...properties);
      case 'group_by_property':
        return fc.stringMatching(/^[a-z_]{1,10}$/);
      case 'filters.<key>':
        return fc.constantFrom('region', 'method', 'plan');
      default:
        return undefined;
    }
  };
  const body = (schemaArbitrary(spec, usageSchema, overrides) as fc.Arbitrary<Record<string, unknown>>).map(answerable);
  const broken = (mutation: Mutation): Mutation =>
    mutation.description === 'aggregation_type outside its enum' ? { ...mutation, body: { ...mutation.body, property_name: 'value' } } : mutation;
  const negative = mutated(spec, usageSchema, body, { description: 'event_name missing', body: {} }, broken)
    .map((chosen) => usage(chosen.body, 'negative', chosen.description));
  const ingestOverrides: Overrides = (path) => (path.join('.') === 'event_name' ? fc.constant('verify_check') : overrides(path));
  const event = schemaArbitrary(spec, ingestSchema, ingestOverrides) as fc.Arbitrary<Record<string, unknown>>;
  const ingest = (kind: RequestCase['kind'], value: unknown, description?: string): RequestCase => ({
    operation: 'POST /events', kind, method: 'POST', path: '/events', body: value, ...(description ? { description } : {}),
  });
  const [first] = subjects.metrics;
  return {
    probes: [usage({ event_name: first ?? 'api_request', aggregation_type: 'COUNT', start_time: instantText(period.from), end_time: instantText(period.to) }, 'credentials')],
    wrongCredentials: { 'x-api-key': 'verify-wrong-key-00000000' },
    positive: body.map((value) => usage(value, 'positive')),
    negative,
    writes: {
      positive: event.map((value) => ingest('positive', value)),
      negative: mutated(spec, ingestSchema, event, { description: 'event_name missing', body: {} })
        .map((chosen) => ingest('negative', chosen.body, chosen.description)),
    },
  };
}
