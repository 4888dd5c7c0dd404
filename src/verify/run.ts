/**
 * One verify run. Provider-level checks call each provider directly, with the configured base URL
 * and credentials (a sandbox provider's simulator is served by the in-process gateway started
 * here on an ephemeral loopback port). The invariants go through that gateway's unified API, built
 * from the same configuration, with the typed client. Every provider call, direct or made by the
 * gateway's adapters, is counted against `--max-requests` and paced by `--rate`.
 */
import type { Config, ProviderConfig } from '../config';
import { configuredProviders, startGateway } from '../gateway';
import { createUsageClient } from '../client';
import { createContractGuard } from '../providers/contract-guard';
import { createNativeUpstreams, type NativeUpstream } from '../providers/native-registry';
import { loadSpec } from '../specs';
import { createBudget } from './budget';
import { checkInvariants } from './invariants';
import type { Exchange, RequestCase } from './model';
import { dateText, type Period, type PlanContext, type ProviderPlan } from './plan';
import { checkReads, checkWrites, sendCase, type ProviderCheckOptions } from './provider-checks';
import { allPassed, createRecorder, type ProviderOutcome } from './recorder';
import { periodFor, subjectsFor } from './subjects';
import { flexpricePlan } from './targets/flexprice';
import { sequencePlan } from './targets/sequence';
import { svixPlan } from './targets/svix';

export interface VerifyOptions {
  config: Config;
  /** `--provider`: the ids to check; empty checks every configured provider. */
  providerIds: string[];
  /** `--metric`: `name`, or `id:name` for one provider. */
  metrics: string[];
  maxRequests: number;
  rate: number;
  timeoutMs: number;
  maxResponseTimeMs: number;
  seed: number;
  allowWrites: boolean;
  period: Partial<Period>;
  now?: () => number;
  /** Told which provider is being checked (the command prints it on stderr). */
  onProvider?: (provider: ProviderConfig) => void;
}

/** A request as the JSON report lists it: enough to compare two runs of one seed. */
export interface LoggedRequest {
  provider: string;
  operation: string;
  kind: RequestCase['kind'];
  description?: string;
  method: string;
  url: string;
  body?: unknown;
}

export interface VerifyResult {
  seed: number;
  durationMs: number;
  passed: boolean;
  providers: ProviderOutcome[];
  requests: LoggedRequest[];
}

/** The command line or configuration asks for something verify cannot do; every problem listed. */
export class VerifySetupError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'VerifySetupError';
  }
}

const plans: Record<ProviderConfig['type'], (context: PlanContext) => ProviderPlan | Promise<ProviderPlan>> = {
  flexprice: flexpricePlan,
  sequence: sequencePlan,
  svix: svixPlan,
};

/** The providers to check, or every problem with the selection. */
function selectProviders(config: Config, options: Pick<VerifyOptions, 'providerIds' | 'metrics'>): ProviderConfig[] {
  const configured = configuredProviders(config);
  const known = configured.map((provider) => provider.id);
  const problems = options.providerIds.filter((id) => !known.includes(id)).map((id) => `--provider ${id}: no such provider (configured: ${known.join(', ') || 'none'})`);
  const selected = options.providerIds.length === 0 ? configured : configured.filter((provider) => options.providerIds.includes(provider.id));
  for (const provider of selected) {
    const subjects = subjectsFor(provider, options.metrics, { from: 0, to: 0 });
    if (provider.type === 'flexprice' && subjects.metrics.length === 0) {
      problems.push(`${provider.id}: no event name to ask Flexprice about; pass --metric ${provider.id}:NAME or set verify.metrics in the configuration`);
    }
  }
  if (selected.length === 0 && problems.length === 0) problems.push('no provider to verify: the configuration lists none');
  if (problems.length > 0) throw new VerifySetupError(problems);
  return selected;
}

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const started = Date.now();
  const selected = selectProviders(options.config, options);
  const budget = createBudget({ maxRequests: options.maxRequests, rate: options.rate });
  let upstreams: NativeUpstream[] = [];
  const attribute = (url: string) => upstreams.find((upstream) => url.startsWith(upstream.baseUrl))?.id;
  const config: Config = { ...options.config, port: 0, host: '127.0.0.1' };
  const gateway = await startGateway({ config, providers: selected, fetch: budget.fetch(attribute) });
  const requests: LoggedRequest[] = [];
  const outcomes: ProviderOutcome[] = [];
  try {
    upstreams = createNativeUpstreams(selected, gateway.sandbox?.endpoints);
    const guard = createContractGuard({ mode: 'warn', specs: upstreams.map((upstream) => upstream.spec) });
    const client = createUsageClient({ baseUrl: gateway.url, apiKey: config.apiKeys[0] });
    for (const [index, provider] of selected.entries()) {
      const upstream = upstreams[index] as NativeUpstream;
      options.onProvider?.(provider);
      // Only these three facts: the provider's config holds its credentials.
      const recorder = createRecorder({ id: provider.id, type: provider.type, mode: provider.mode });
      // What earlier providers left unspent goes to the later ones.
      const share = Math.floor(budget.remaining() / (selected.length - index));
      const subjects = subjectsFor(provider, options.metrics, periodFor(provider, options.period, (options.now ?? Date.now)()));
      const checks: ProviderCheckOptions = {
        id: provider.id, connection: upstream, spec: upstream.spec, guard, recorder, budget, seed: options.seed,
        timeoutMs: options.timeoutMs, maxResponseTimeMs: options.maxResponseTimeMs,
        onExchange: (request: RequestCase, exchange: Exchange) => requests.push({
          provider: provider.id, operation: request.operation, kind: request.kind, ...(request.description ? { description: request.description } : {}),
          method: exchange.request.method, url: exchange.request.url.slice(upstream.baseUrl.length), ...(exchange.request.body === undefined ? {} : { body: exchange.request.body }),
        }),
      };
      const plan = await plans[provider.type]({ spec: loadSpec(upstream.spec), subjects, discover: (request) => sendCase(checks, undefined, request) });
      const writes = options.allowWrites && provider.mode === 'sandbox' && plan.writes ? Math.floor(share * 0.1) : 0;
      if (options.allowWrites && provider.mode !== 'sandbox') recorder.note('writes left out: --allow-writes applies to sandbox providers only');
      const reads = Math.floor(share * 0.5) - writes;
      await checkReads(checks, plan, { negative: Math.ceil(reads / 3), positive: reads - Math.ceil(reads / 3) });
      const remaining = () => Math.min(budget.remaining(), share - writes - budget.sent(provider.id));
      await checkInvariants({ client, gatewayUrl: gateway.url, provider, subjects, recorder, remaining, seed: options.seed, timeoutMs: options.timeoutMs });
      await checkWrites(checks, plan, writes);
      recorder.note(`asked about ${subjects.metrics.join(', ') || 'no metric'} over ${dateText(subjects.period.from)} → ${dateText(subjects.period.to)}`);
      outcomes.push(recorder.outcome(budget.sent(provider.id)));
    }
  } finally {
    await gateway.close();
  }
  return { seed: options.seed, durationMs: Date.now() - started, passed: allPassed(outcomes), providers: outcomes, requests };
}
