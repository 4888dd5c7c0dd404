/** The unified report from one or several Flexprice answers (fan-out by customer, or a total call). */
import { GatewayError } from '../../errors';
import type { UsageGroup, UsageQuery, UsageReport, UsageWarning } from '../../usage/model';
import { fromFlexpriceResponse, type FlexpriceFigure } from './mapping';
import type { FlexpriceAnswer } from './types';
import { mergeUsageWindows } from './windows';

export interface FlexpriceReportContext {
  /** The configured provider id. */
  provider: string;
}

// Flexprice applies groupBy inside each bucket but its results carry no group key.
const groupsNotReported: UsageWarning = {
  code: 'groups_not_reported',
  message: 'Flexprice took the max of each group in each bucket and summed them; it does not report the groups themselves',
};

/** One figure per customer asked (or one for all), pairing each windowed answer with its total. */
function figuresOf(answers: readonly FlexpriceAnswer[], query: UsageQuery): { customer: string | undefined; figure: FlexpriceFigure }[] {
  return answers
    .filter((answer) => !answer.call.total)
    .map((answer) => {
      const total = answers.find((other) => other.call.total && other.call.customer === answer.call.customer);
      return { customer: answer.call.customer, figure: fromFlexpriceResponse(answer.usage, query, total?.usage) };
    });
}

/**
 * Builds the report. Several customers add up (the plan allows it only for count, sum and
 * sum_with_multiplier): values and windows are summed, and each customer becomes a group.
 */
export function toFlexpriceReport(answers: readonly FlexpriceAnswer[], query: UsageQuery, context: FlexpriceReportContext): UsageReport {
  const figures = figuresOf(answers, query);
  const first = figures[0];
  if (first === undefined) throw new TypeError('a Flexprice report needs at least one answer');
  const aggregation = first.figure.aggregation;
  if (figures.some(({ figure }) => figure.aggregation !== aggregation)) {
    throw new GatewayError('upstream_contract_violation', {
      detail: `${context.provider} applied different aggregations to the customers of one query`,
      provider: context.provider,
      retryable: false,
    });
  }
  const counted = aggregation === 'count';
  const value = figures.reduce((total, { figure }) => total + figure.value, 0);
  const windows = first.figure.windows === null ? null : mergeUsageWindows(figures.map(({ figure }) => figure.windows ?? []));
  // Only a fan-out names its customers; one call (a customer or all of them) has no groups.
  const groups: UsageGroup[] =
    figures.length > 1
      ? figures.flatMap(({ customer, figure }) =>
          customer === undefined ? [] : [{ key: customer, value: figure.value, eventCount: counted ? figure.value : null }])
      : [];
  const report: UsageReport = {
    provider: context.provider,
    providerType: 'flexprice',
    metric: query.metric,
    aggregation,
    unit: null,
    from: query.from,
    to: query.to,
    value,
    // A COUNT is the number of distinct events; no other type says how many events it saw.
    eventCount: counted ? value : null,
    windows,
    groups,
    status: 'complete',
    warnings: query.groupBy === undefined ? [] : [groupsNotReported],
  };
  if (query.include?.includes('raw')) report.raw = answers.length === 1 ? answers[0]?.body : answers.map((answer) => answer.body);
  return report;
}
