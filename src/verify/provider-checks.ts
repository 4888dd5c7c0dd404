/**
 * The provider-level checks of one provider, called directly with its configured base URL and
 * credentials: credentials refused when missing or wrong, then negative cases, then positive
 * ones, then (with `--allow-writes`, sandbox only) ingest. Each phase gets its share of the
 * provider's request allowance; cases are drawn from the plan's arbitraries with the run's seed.
 */
import fc from 'fast-check';
import type { Budget } from './budget';
import { checkAnswer, type AnswerCheckContext } from './answer-checks';
import { send, type Connection } from './exchange';
import type { Exchange, RequestCase } from './model';
import type { ProviderPlan } from './plan';

export interface ProviderCheckOptions extends AnswerCheckContext {
  id: string;
  connection: Connection;
  budget: Budget;
  seed: number;
  timeoutMs: number;
  /** Called with every request sent (the JSON report lists them, so a seed's requests can be compared). */
  onExchange(request: RequestCase, exchange: Exchange): void;
}

/** Sends one case and the requests its answer calls for; undefined once the budget is spent. */
export async function sendCase(options: ProviderCheckOptions, plan: Pick<ProviderPlan, 'followUp'> | undefined, request: RequestCase): Promise<Exchange | undefined> {
  if (!(await options.budget.take(options.id))) return undefined;
  const exchange = await send(options.connection, request, { timeoutMs: options.timeoutMs });
  options.onExchange(request, exchange);
  checkAnswer(options, request, exchange);
  const next = plan?.followUp?.(request, exchange);
  if (next) await sendCase(options, plan, next);
  return exchange;
}

/** A seed of its own for each provider and phase, derived from the run's: phases stay reproducible alone. */
function phaseSeed(seed: number, ...names: string[]): number {
  let hash = seed | 0;
  for (const character of names.join('/')) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193);
  return hash;
}

async function phase(options: ProviderCheckOptions, plan: ProviderPlan, name: string, cases: fc.Arbitrary<RequestCase>, allowance: number): Promise<void> {
  if (allowance <= 0) return;
  const stopAt = options.budget.sent(options.id) + allowance;
  for (const request of fc.sample(cases, { seed: phaseSeed(options.seed, options.id, name), numRuns: allowance })) {
    if (options.budget.sent(options.id) >= stopAt) return;
    if (!(await sendCase(options, plan, request))) return;
  }
}

/** Credentials, then negative cases, then positive ones, each within its allowance of requests. */
export async function checkReads(options: ProviderCheckOptions, plan: ProviderPlan, allowances: { negative: number; positive: number }): Promise<void> {
  for (const probe of plan.probes) {
    await sendCase(options, undefined, { ...probe, description: 'without credentials', replaceCredentials: {} });
    await sendCase(options, undefined, { ...probe, description: 'with wrong credentials', replaceCredentials: plan.wrongCredentials });
  }
  await phase(options, plan, 'negative', plan.negative, allowances.negative);
  await phase(options, plan, 'positive', plan.positive, allowances.positive);
}

/** Ingest cases, refused and accepted, run after the invariants so their events cannot disturb them. */
export async function checkWrites(options: ProviderCheckOptions, plan: ProviderPlan, allowance: number): Promise<void> {
  if (!plan.writes || allowance <= 0) return;
  await phase(options, plan, 'writes-negative', plan.writes.negative, Math.ceil(allowance / 2));
  await phase(options, plan, 'writes-positive', plan.writes.positive, Math.floor(allowance / 2));
}
