/**
 * Svix: `POST /api/v1/stats/usage/app` (both spellings of the path) generated from
 * `AppUsageStatsIn`, each created task then read with `GET /api/v1/background-task/{task_id}`.
 * Creating a stats task changes nothing an account holds, so it counts as a read. App ids come
 * from the known customers only: when none of the asked apps resolve, Svix answers 422.
 */
import fc from 'fast-check';
import { isObject } from '../../providers/spec-operations';
import { mutated } from '../mutations';
import type { Exchange, RequestCase } from '../model';
import { instantText, type PlanContext, type ProviderPlan } from '../plan';
import { schemaArbitrary, type Overrides } from '../schema-arbitrary';

const statsSchema = { $ref: '#/components/schemas/AppUsageStatsIn' };

function stats(body: unknown, kind: RequestCase['kind'], options: { slash?: boolean; key?: string | undefined; description?: string } = {}): RequestCase {
  const path = `/api/v1/stats/usage/app${options.slash ? '/' : ''}`;
  return {
    operation: `POST ${path}`, kind, method: 'POST', path, body,
    ...(options.key === undefined ? {} : { headers: { 'idempotency-key': options.key } }),
    ...(options.description ? { description: options.description } : {}),
  };
}

function task(id: string, kind: RequestCase['kind'], description?: string): RequestCase {
  return { operation: 'GET /api/v1/background-task/{task_id}', kind, method: 'GET', path: `/api/v1/background-task/${encodeURIComponent(id)}`, ...(description ? { description } : {}) };
}

/** The task id of a 202 stats answer. */
function createdTask(exchange: Exchange): string | undefined {
  if (exchange.response?.status !== 202) return undefined;
  try {
    const body: unknown = JSON.parse(exchange.response.body);
    return isObject(body) && typeof body.id === 'string' ? body.id : undefined;
  } catch {
    return undefined;
  }
}

export function svixPlan(context: PlanContext): ProviderPlan {
  const { spec, subjects } = context;
  const { period } = subjects;
  const instant = fc.integer({ min: period.from, max: period.to }).map(instantText);
  const overrides: Overrides = (path) => {
    switch (path.join('.')) {
      case 'since':
      case 'until':
        return instant;
      case 'appIds':
        return subjects.customers.length > 0
          ? fc.option(fc.subarray(subjects.customers, { minLength: 1 }), { nil: null })
          : fc.constant(null);
      default:
        return undefined;
    }
  };
  const body = (schemaArbitrary(spec, statsSchema, overrides) as fc.Arbitrary<Record<string, unknown>>).map((value) => {
    const since = String(value.since);
    const until = String(value.until);
    return Date.parse(until) < Date.parse(since) ? { ...value, since: until, until: since } : value;
  });
  const options = fc.record({ slash: fc.boolean(), key: fc.option(fc.uuid(), { nil: undefined }) });
  const broken = mutated(spec, statsSchema, body, { description: 'since missing', body: {} })
    .map((chosen) => stats(chosen.body, 'negative', { description: chosen.description }));
  const malformedTask = fc.stringMatching(/^qtask_[A-Za-z0-9]{3,12}$/).map((id) => task(id, 'negative', 'task_id not matching its pattern'));
  return {
    // A well-formed id of no task: without valid credentials Svix must answer 401 before it looks.
    probes: [stats({ since: instantText(period.from), until: instantText(period.to) }, 'credentials'), task(`qtask_${'0'.repeat(27)}`, 'credentials')],
    wrongCredentials: { Authorization: 'Bearer verify-wrong-token.eu' },
    positive: fc.tuple(body, options).map(([value, { slash, key }]) => stats(value, 'positive', { slash, key })),
    negative: fc.oneof({ arbitrary: broken, weight: 4 }, { arbitrary: malformedTask, weight: 1 }),
    writes: undefined,
    followUp: (request, exchange) => {
      const id = request.kind === 'positive' && request.method === 'POST' ? createdTask(exchange) : undefined;
      return id === undefined ? undefined : task(id, 'positive');
    },
  };
}
