/**
 * Pure translations between the unified query/report and Sequence's calculate call. No I/O and
 * no clock: everything comes from the query and the provider's bodies.
 */
import type { components, operations } from '../../../generated/sequence';
import { unsupported } from '../../errors';
import type { ReportAggregation, UsageQuery, UsageReport, UsageWarning } from '../../usage/model';
import { formatInstant, type WindowRange } from '../../usage/windows';
import { toSequencePeriod } from './windows';

type CalculateParameters = operations['getUsageMetricsByUsageMetricIdCalculate']['parameters'];
type SequenceAggregation = components['schemas']['AggregationType'];
type SequenceCalculationBody = components['schemas']['UsageMetricCalculationResponse'];

/** The part of a calculate answer the gateway reads (checked by `readSequenceCalculation`). */
export type SequenceCalculation = Pick<SequenceCalculationBody, 'aggregationType' | 'eventCount' | 'value' | 'unit'>;

/** One calculate call's answer: the figures read from it and its untouched body. */
export interface SequenceAnswer {
  calculation: SequenceCalculation;
  body: unknown;
}

/** Sequence's aggregation names in the unified vocabulary. */
export function toReportAggregation(aggregationType: SequenceAggregation): ReportAggregation {
  switch (aggregationType) {
    case 'COUNT':
      return 'count';
    case 'SUM':
      return 'sum';
    case 'UNIQUE':
      return 'count_unique';
    case 'CUSTOM':
      return 'custom';
    default: {
      const unknown: never = aggregationType;
      throw new Error(`unmapped Sequence aggregation ${String(unknown)}`);
    }
  }
}

/** A Sequence metric names the property it aggregates; a query cannot choose another. */
export function checkSequenceProperty(query: UsageQuery): void {
  if (query.property !== undefined) {
    throw unsupported(query.provider, '/body/property', `usage metric ${query.metric} aggregates the property its definition names; leave property out`);
  }
}

/**
 * `customerAliases` is one comma-separated string, so an alias holding a comma would be read as
 * two; refuse it rather than ask Sequence about other customers.
 */
export function checkSequenceCustomers(query: UsageQuery): void {
  const index = (query.customers ?? []).findIndex((customer) => customer.includes(','));
  if (index >= 0) {
    throw unsupported(
      query.provider,
      `/body/customers/${index}`,
      'Sequence takes customer aliases as one comma-separated list, so an alias cannot contain a comma',
    );
  }
}

/** The path and query of one calculate call over `range` (whole UTC days). */
export function toSequenceCalculateParams(query: UsageQuery, range: WindowRange): Omit<CalculateParameters, 'header'> {
  const parameters = query.parameters ?? {};
  return {
    path: { usageMetricId: query.metric },
    query: {
      customerAliases: (query.customers ?? []).join(','),
      ...toSequencePeriod(range),
      // Sequence documents no wire format for customParameters: it was typed `object` until May
      // 2024 and has been a bare string since. We send the names and values as one JSON object
      // string, `{"myParam":"10"}`, the shape the old type described. Without parameters it is
      // left out, so the metric's defaults apply.
      ...(Object.keys(parameters).length > 0 ? { customParameters: JSON.stringify(parameters) } : {}),
    } satisfies CalculateParameters['query'],
  };
}

/** The metric fixes its aggregation: a query asking another one cannot be answered. */
export function checkSequenceAggregation(query: UsageQuery, calculation: SequenceCalculation): void {
  const applied = toReportAggregation(calculation.aggregationType);
  if (query.aggregation === undefined || query.aggregation === applied) return;
  const advice = applied === 'custom' ? 'omit aggregation' : `ask for aggregation ${applied} or omit it`;
  throw unsupported(
    query.provider,
    '/body/aggregation',
    `Sequence metric ${query.metric} aggregates ${calculation.aggregationType} (${applied}), not ${query.aggregation}; ${advice}`,
  );
}

function sequenceWarnings(query: UsageQuery, calculation: SequenceCalculation): UsageWarning[] {
  const given = Object.keys(query.parameters ?? {});
  if (given.length === 0 || calculation.aggregationType === 'CUSTOM') return [];
  return [{
    code: 'parameters_ignored',
    message: `Sequence applies parameters only to CUSTOM metrics; metric ${query.metric} aggregates ${calculation.aggregationType}, so ${given.join(', ')} had no effect`,
  }];
}

/**
 * The unified report from the whole-period answer and, for a windowed query, one answer per
 * window (UNIQUE and CUSTOM values are not additive, so the total never comes from the windows).
 */
export function fromSequenceResponse(
  whole: SequenceAnswer,
  query: UsageQuery,
  windows: readonly { range: WindowRange; answer: SequenceAnswer }[] | null,
): UsageReport {
  const { calculation } = whole;
  const report: UsageReport = {
    provider: query.provider,
    providerType: 'sequence',
    metric: query.metric,
    aggregation: toReportAggregation(calculation.aggregationType),
    unit: calculation.unit ?? null,
    from: query.from,
    to: query.to,
    value: calculation.value,
    eventCount: calculation.eventCount,
    // Like Flexprice, a window appears only when events fell in it; Sequence answers every window.
    windows: windows
      ?.filter(({ answer }) => answer.calculation.eventCount > 0)
      .map(({ range, answer }) => ({ start: formatInstant(range.start), end: formatInstant(range.end), value: answer.calculation.value })) ?? null,
    groups: [],
    status: 'complete',
    warnings: sequenceWarnings(query, calculation),
  };
  if (query.include?.includes('raw')) {
    report.raw = windows === null ? whole.body : [whole.body, ...windows.map(({ answer }) => answer.body)];
  }
  return report;
}
