/**
 * Invariants through the unified API, which a provider or an adapter can break silently: windows
 * add up to the total (count, sum), customers add up to all customers (where the provider has an
 * all-customers figure), a closed past period answers the same twice, and Sequence's period asked
 * whole equals it asked day by day (the inclusive-end conversion). Each is skipped, with its
 * reason, where it does not apply or the request budget cannot pay for it.
 */
import fc from 'fast-check';
import type { UsageClient } from '../client';
import type { ProviderConfig } from '../config';
import type { CheckName, Exchange } from './model';
import { instantText, type Subjects } from './plan';
import type { Recorder } from './recorder';
import { ask, capabilitiesOf, close, sumOf, type Answer, type Capabilities, type UsageQuery, type UsageReport } from './unified';

const DAY_MS = 86_400_000;

export interface InvariantContext {
  client: UsageClient;
  gatewayUrl: string;
  provider: ProviderConfig;
  subjects: Subjects;
  recorder: Recorder;
  /** Requests the provider may still be sent. */
  remaining(): number;
  seed: number;
  timeoutMs: number;
}

/** Provider calls one unified query may cost: Svix creates a task and the gateway polls it; Sequence calls once per window and once for the total. */
function cost(provider: ProviderConfig, query: UsageQuery, days: number): number {
  if (provider.type === 'svix') return 6;
  const perCustomer = provider.type === 'flexprice' ? Math.max(1, query.customers?.length ?? 1) : 1;
  const windows = provider.type === 'sequence' && query.windowSize ? Math.ceil(days / ({ DAY: 1, WEEK: 7 }[query.windowSize as 'DAY' | 'WEEK'] ?? 28)) + 1 : 0;
  return perCustomer + windows;
}

export async function checkInvariants(context: InvariantContext): Promise<void> {
  const { provider, subjects, recorder } = context;
  const days = (subjects.period.to - subjects.period.from) / DAY_MS;
  const base: UsageQuery = { provider: provider.id, metric: subjects.metrics[0] ?? '', from: instantText(subjects.period.from), to: instantText(subjects.period.to) };
  if (provider.type === 'sequence') base.customers = subjects.customers;
  const capabilities = await capabilitiesOf(context.client, provider.id);
  const skipAll = (reason: string) => {
    for (const check of ['windows_add_up', 'customers_add_up', 'stable_past_period', ...(provider.type === 'sequence' ? ['sequence_days_add_up'] as const : [])] as const) recorder.skip(check, reason);
  };
  if (!capabilities) return skipAll('the gateway does not list this provider');
  if (subjects.metrics.length === 0) return skipAll('no metric to ask about: pass --metric or set verify.metrics in the configuration');
  if (provider.type === 'sequence' && subjects.customers.length === 0) return skipAll('Sequence needs customers: set verify.customers in the configuration');

  /** Asks when the budget allows; a refusal fails `check`, a spent budget skips it. */
  const asked = async (check: CheckName, query: UsageQuery): Promise<UsageReport | undefined> => {
    if (context.remaining() < cost(provider, query, days)) {
      recorder.skip(check, 'the --max-requests budget is spent');
      return undefined;
    }
    const answer: Answer = await ask(context.client, context.gatewayUrl, query, context.timeoutMs);
    if (answer.report) return answer.report;
    if (context.remaining() <= 0) recorder.skip(check, 'the --max-requests budget is spent');
    else recorder.fail({ check, message: `the query could not be answered: ${answer.reason}`, exchanges: [answer.exchange] });
    return undefined;
  };
  const exchange = (query: UsageQuery, report: UsageReport): Exchange => ({
    request: { method: 'POST', url: `${context.gatewayUrl}/v1/usage/query`, headers: {}, body: query },
    response: { status: 200, contentType: 'application/json', body: JSON.stringify(report), durationMs: 0 },
  });
  const compare = (check: CheckName, expected: number, found: number, message: string, shown: Exchange[]) => {
    if (close(expected, found)) recorder.pass(check);
    else recorder.fail({ check, message: `${message}: ${found} where ${expected} was expected`, exchanges: shown });
  };

  const whole = await asked('windows_add_up', base);
  await windowsAddUp({ ...context, capabilities, base, whole, asked, compare, exchange });
  if (provider.type === 'sequence' && whole) {
    const additive = whole.aggregation === 'count' || whole.aggregation === 'sum';
    if (!additive) recorder.skip('sequence_days_add_up', `metric ${base.metric} aggregates ${whole.aggregation}, which days do not add up to`);
    else {
      const byDay = { ...base, windowSize: 'DAY' as const };
      const daily = await asked('sequence_days_add_up', byDay);
      if (daily) compare('sequence_days_add_up', whole.value, sumOf((daily.windows ?? []).map((window) => window.value)), `the ${days} days of ${base.metric} asked one by one add up`, [exchange(base, whole), exchange(byDay, daily)]);
    }
  }
  const first = await asked('stable_past_period', base);
  const second = first && await asked('stable_past_period', base);
  if (first && second) {
    const figures = (report: UsageReport) => JSON.stringify([report.value, report.eventCount, report.windows, report.groups]);
    if (figures(first) === figures(second)) recorder.pass('stable_past_period');
    else recorder.fail({ check: 'stable_past_period', message: `the same query for the closed period ${base.from} → ${base.to} answered ${first.value}, then ${second.value}`, exchanges: [exchange(base, first), exchange(base, second)] });
  }
  await customersAddUp({ ...context, base, asked, compare, exchange });
}

interface Steps extends InvariantContext {
  base: UsageQuery;
  asked(check: CheckName, query: UsageQuery): Promise<UsageReport | undefined>;
  compare(check: CheckName, expected: number, found: number, message: string, shown: Exchange[]): void;
  exchange(query: UsageQuery, report: UsageReport): Exchange;
}

/** Windowed values add up to the unwindowed total, for each additive aggregation the provider lets a query choose. */
async function windowsAddUp(steps: Steps & { capabilities: Capabilities; whole: UsageReport | undefined }): Promise<void> {
  const { recorder, capabilities, base, provider, subjects } = steps;
  // Windows under an hour would exceed the gateway's maxWindows over a two-week period; DAY is Sequence's own invariant.
  const sizes = capabilities.windowSizes.filter((size) => !['MINUTE', '15MIN', '30MIN'].includes(size) && !(provider.type === 'sequence' && size === 'DAY'));
  if (sizes.length === 0) return recorder.skip('windows_add_up', `${provider.type} has no windows`);
  const [size] = fc.sample(fc.constantFrom(...sizes), { seed: steps.seed, numRuns: 1 });
  const queries: UsageQuery[] = provider.type === 'flexprice'
    ? [{ ...base, aggregation: 'count' }, ...(subjects.sumProperty ? [{ ...base, aggregation: 'sum' as const, property: subjects.sumProperty }] : [])]
    : [base];
  if (provider.type === 'flexprice' && !subjects.sumProperty) recorder.skip('windows_add_up', 'sums not checked: no numeric property known (set verify.sumProperty)');
  for (const query of queries) {
    const total = provider.type === 'sequence' ? steps.whole : await steps.asked('windows_add_up', query);
    if (!total) continue;
    if (total.aggregation !== 'count' && total.aggregation !== 'sum') {
      recorder.skip('windows_add_up', `metric ${query.metric} aggregates ${total.aggregation}, which windows do not add up to`);
      continue;
    }
    const windowed = { ...query, windowSize: size };
    const report = await steps.asked('windows_add_up', windowed);
    if (report) steps.compare('windows_add_up', total.value, sumOf((report.windows ?? []).map((window) => window.value)), `${size} windows of ${total.aggregation} ${query.metric} add up`, [steps.exchange(query, total), steps.exchange(windowed, report)]);
  }
}

/** Per-customer values add up to the all-customers value: Flexprice without a customer, Svix without app ids. */
async function customersAddUp(steps: Steps): Promise<void> {
  const { recorder, provider, subjects, base } = steps;
  if (provider.type === 'sequence') return recorder.skip('customers_add_up', 'Sequence has no all-customers figure: every calculation names its customers');
  if (provider.type === 'flexprice' && subjects.customers.length === 0) return recorder.skip('customers_add_up', 'the account\'s customers are not known (set verify.customers to all of them)');
  const everyone = { ...base, aggregation: 'count' as const };
  const all = await steps.asked('customers_add_up', everyone);
  if (!all) return;
  // Svix names every app with activity in its all-apps answer; Flexprice's customers come from the configuration.
  const customers = provider.type === 'svix' ? all.groups.map((group) => group.key) : subjects.customers;
  const shown = [steps.exchange(everyone, all)];
  const values: number[] = [];
  for (const customer of customers) {
    const one = { ...everyone, customers: [customer] };
    const report = await steps.asked('customers_add_up', one);
    if (!report) return;
    values.push(report.value);
    shown.push(steps.exchange(one, report));
  }
  steps.compare('customers_add_up', all.value, sumOf(values), `the ${customers.length} customers asked one by one add up`, shown);
}
