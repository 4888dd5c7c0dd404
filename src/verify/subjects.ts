/**
 * Which metrics, customers and period verify asks each provider about: `--metric` options first
 * (`name` for every provider, `id:name` for one), then the provider's `verify` settings in the
 * configuration; a sandbox provider holds the demo data set, so its metrics, customers and days
 * are known. Sequence lists its metrics itself (targets/sequence.ts); Svix has one figure.
 */
import type { ProviderConfig } from '../config';
import { demoCustomers, demoMetrics, demoPeriod } from '../sandbox/demo-data';
import type { Period, Subjects } from './plan';

const DAY_MS = 86_400_000;
/** The days a run covers by default: two weeks give WEEK windows and per-day calls something to add. */
const defaultPeriodDays = 14;

/**
 * The closed past period to ask about: `--from`/`--to` when given; the demo data's first two
 * weeks for a sandbox; otherwise the two weeks ending at the UTC midnight a day before today's,
 * so late events have had a day to arrive.
 */
export function periodFor(config: ProviderConfig, given: Partial<Period>, now: number): Period {
  if (given.from !== undefined && given.to !== undefined) return { from: given.from, to: given.to };
  const to = config.mode === 'sandbox' ? Date.parse(demoPeriod.from) + defaultPeriodDays * DAY_MS : Math.floor(now / DAY_MS) * DAY_MS - DAY_MS;
  return { from: to - defaultPeriodDays * DAY_MS, to };
}

/** `--metric` values that apply to this provider: plain names, and `id:name` naming it. */
function metricsFromOptions(options: readonly string[], providerId: string): string[] {
  return options.flatMap((option) => {
    const separator = option.indexOf(':');
    if (separator <= 0) return [option];
    return option.slice(0, separator) === providerId ? [option.slice(separator + 1)] : [];
  });
}

/** What the demo data set holds for each provider type. */
function sandboxSubjects(type: ProviderConfig['type']): Pick<Subjects, 'metrics' | 'customers' | 'sumProperty'> {
  const [counted, summed] = demoMetrics;
  switch (type) {
    case 'flexprice':
      return { metrics: [counted.eventType], customers: [...demoCustomers], sumProperty: summed.aggregationProperty };
    case 'sequence':
      return { metrics: demoMetrics.map((metric) => metric.id), customers: [...demoCustomers], sumProperty: undefined };
    case 'svix':
      return { metrics: ['message_destinations'], customers: [...demoCustomers], sumProperty: undefined };
    default: {
      const unknown: never = type;
      throw new Error(`unknown provider type ${String(unknown)}`);
    }
  }
}

export function subjectsFor(config: ProviderConfig, metricOptions: readonly string[], period: Period): Subjects {
  const sandbox = config.mode === 'sandbox' ? sandboxSubjects(config.type) : undefined;
  const given = metricsFromOptions(metricOptions, config.id);
  const metrics = config.type === 'svix' ? ['message_destinations']
    : given.length > 0 ? given
    : config.verify?.metrics.length ? config.verify.metrics
    : sandbox?.metrics ?? [];
  const customers = config.verify?.customers.length ? config.verify.customers : sandbox?.customers ?? [];
  const sumProperty = config.verify?.sumProperty ?? (given.length === 0 && !config.verify?.metrics.length ? sandbox?.sumProperty : undefined);
  return { metrics, customers, sumProperty, period };
}
