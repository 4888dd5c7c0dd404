/**
 * The additive invariants: windows add up to the total (count and sum), Sequence's days add up to
 * the period asked whole (the inclusive-end conversion), customers add up to all customers.
 */
import fc from 'fast-check';
import type { Steps } from './invariant-steps';
import { smallWindows } from './plan';
import { sumOf, type Capabilities, type UsageQuery, type UsageReport } from './unified';

/** Count and sum: the aggregations whose parts add up to the whole. */
export const additive = (report: UsageReport): boolean => report.aggregation === 'count' || report.aggregation === 'sum';
const windowSum = (report: UsageReport): number => sumOf((report.windows ?? []).map((window) => window.value));

/** A window size the provider offers, drawn with the run's seed; under an hour would pass the gateway's maxWindows, and DAY is Sequence's own check. */
export function windowSizeFor(steps: Steps, capabilities: Capabilities): UsageQuery['windowSize'] {
  const sizes = capabilities.windowSizes.filter((size) => !smallWindows.has(size) && !(steps.provider.type === 'sequence' && size === 'DAY'));
  return sizes.length === 0 ? undefined : fc.sample(fc.constantFrom(...sizes), { seed: steps.seed, numRuns: 1 })[0];
}

/** The windowed query's windows add up to `total`, the same query unwindowed. */
export async function windowsAddUp(steps: Steps, query: UsageQuery, total: UsageReport, size: NonNullable<UsageQuery['windowSize']>): Promise<void> {
  if (!additive(total)) return steps.recorder.skip('windows_add_up', `${query.metric} aggregates ${total.aggregation}, which windows do not add up to`);
  const windowed = { ...query, windowSize: size };
  const report = await steps.asked('windows_add_up', windowed);
  if (report) steps.compare('windows_add_up', total.value, windowSum(report), `${size} windows of ${total.aggregation} ${query.metric} add up`, [steps.exchange(query, total), steps.exchange(windowed, report)]);
}

/** Sequence: the period asked day by day (periodStart = periodEnd, each an inclusive day) adds up to it asked whole. */
export async function daysAddUp(steps: Steps, query: UsageQuery, whole: UsageReport): Promise<void> {
  const byDay = { ...query, windowSize: 'DAY' as const };
  const daily = await steps.asked('sequence_days_add_up', byDay);
  if (daily) steps.compare('sequence_days_add_up', whole.value, windowSum(daily), `the ${steps.days} days of ${query.metric} asked one by one add up`, [steps.exchange(query, whole), steps.exchange(byDay, daily)]);
}

/** Per-customer values add up to the all-customers value: Flexprice without a customer, Svix without app ids. */
export async function customersAddUp(steps: Steps, base: UsageQuery): Promise<void> {
  const { recorder, provider, subjects } = steps;
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
