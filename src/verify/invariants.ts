/**
 * Invariants through the unified API, which a provider or an adapter can break silently: windows
 * add up to the total (count, sum), customers add up to all customers (where the provider has an
 * all-customers figure), a closed past period answers the same twice, and Sequence's period asked
 * whole equals it asked day by day (the inclusive-end conversion). Each is skipped, with its
 * reason, where it does not apply or the request budget cannot pay for it.
 */
import type { CheckName } from './model';
import { instantText } from './plan';
import { createSteps, type InvariantContext, type Steps } from './invariant-steps';
import { additive, customersAddUp, daysAddUp, windowsAddUp, windowSizeFor } from './invariant-sums';
import { capabilitiesOf, type UsageQuery, type UsageReport } from './unified';

export type { InvariantContext } from './invariant-steps';

/** The same query twice gives the same figures: value, event count, windows and groups. */
async function stablePastPeriod(steps: Steps, query: UsageQuery): Promise<void> {
  const first = await steps.asked('stable_past_period', query);
  const second = first && await steps.asked('stable_past_period', query);
  if (!first || !second) return;
  const figures = (report: UsageReport) => JSON.stringify([report.value, report.eventCount, report.windows, report.groups]);
  if (figures(first) === figures(second)) steps.recorder.pass('stable_past_period');
  else steps.recorder.fail({ check: 'stable_past_period', message: `the same query for the closed period ${query.from} → ${query.to} answered ${first.value}, then ${second.value}`, exchanges: [steps.exchange(query, first), steps.exchange(query, second)] });
}

export async function checkInvariants(context: InvariantContext): Promise<void> {
  const { provider, subjects, recorder } = context;
  const steps = createSteps(context);
  const base: UsageQuery = { provider: provider.id, metric: subjects.metrics[0] ?? '', from: instantText(subjects.period.from), to: instantText(subjects.period.to) };
  if (provider.type === 'sequence') base.customers = subjects.customers;
  const checks: CheckName[] = ['windows_add_up', 'customers_add_up', 'stable_past_period', ...(provider.type === 'sequence' ? ['sequence_days_add_up' as const] : [])];
  const skipAll = (reason: string) => checks.forEach((check) => recorder.skip(check, reason));
  const capabilities = await capabilitiesOf(context.client, provider.id);
  if (!capabilities) return skipAll('the gateway does not list this provider');
  if (subjects.metrics.length === 0) return skipAll('no metric to ask about: pass --metric or set verify.metrics in the configuration');
  if (provider.type === 'sequence' && subjects.customers.length === 0) return skipAll('Sequence needs customers: set verify.customers in the configuration');

  const size = windowSizeFor(steps, capabilities);
  if (size === undefined) recorder.skip('windows_add_up', `${provider.type} has no windows`);
  else if (provider.type === 'sequence') {
    // A Sequence metric fixes its aggregation: each metric is its own case, and the first additive one is also asked day by day.
    let daysAsked = false;
    for (const metric of subjects.metrics) {
      const query = { ...base, metric };
      const whole = await steps.asked('windows_add_up', query);
      if (!whole) continue;
      await windowsAddUp(steps, query, whole, size);
      if (!daysAsked && additive(whole)) {
        daysAsked = true;
        await daysAddUp(steps, query, whole);
      }
    }
    if (!daysAsked) recorder.skip('sequence_days_add_up', 'no metric that adds up (COUNT or SUM) to ask day by day');
  } else {
    const queries: UsageQuery[] = [{ ...base, aggregation: 'count' }];
    if (subjects.sumProperty) queries.push({ ...base, aggregation: 'sum', property: subjects.sumProperty });
    else recorder.skip('windows_add_up', 'sums not checked: no numeric property known (set verify.sumProperty)');
    for (const query of queries) {
      const total = await steps.asked('windows_add_up', query);
      if (total) await windowsAddUp(steps, query, total, size);
    }
  }
  await stablePastPeriod(steps, base);
  await customersAddUp(steps, base);
}
