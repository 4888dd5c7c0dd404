/**
 * The usage computation: pure, over the rows the store selected (one event name, the request's
 * time range, timestamp order). Filters rows as Flexprice's WHERE clause does, groups them into
 * windows or buckets, and shapes the body as Flexprice's `GetUsageResponse` marshals.
 */
import type { components } from '../../../generated/flexprice';
import { formatInstant } from '../../usage/windows';
import { createAccumulator, type Accumulator, type AccumulatorContext } from './accumulators';
import { bucketResults } from './buckets';
import type { Selection } from './event-store';
import { finalValue, rowMatcher, scanWindows } from './scan';
import type { AggregationType, UsagePlan } from './usage-plan';

/** The body of a 200 from `POST /events/usage`. */
export type GetUsageResponse = components['schemas']['GetUsageResponse'];
/** One window, bucket or (bucket, group) of a usage body. */
export type UsageResult = components['schemas']['UsageResult'];

const readsFloats = new Set<AggregationType>(['SUM', 'AVG', 'MAX', 'SUM_WITH_MULTIPLIER', 'LATEST', 'WEIGHTED_SUM']);

function accumulatorContext(selection: Selection, plan: UsagePlan): AccumulatorContext {
  const { cache, ids, arrivals, sharedIds } = selection.columns;
  return {
    ids,
    arrivals,
    sharedIds,
    // Only the column the type reads is extracted (COUNT reads none).
    values: readsFloats.has(plan.type) ? cache.floats(plan.propertyName) : new Float64Array(0),
    codes: plan.type === 'COUNT_UNIQUE' ? cache.strings(plan.propertyName).codes : new Int32Array(0),
    from: plan.from,
    to: plan.to,
    multiplier: plan.multiplier,
  };
}

/** Computes the usage body for a plan over the selected rows. */
export function aggregateUsage(selection: Selection, plan: UsagePlan): GetUsageResponse {
  const { grouping } = plan;
  if (selection.rows.length === 0) return respond(plan, [], 0);
  const matches = rowMatcher(selection.columns.cache, plan);
  if (grouping.kind === 'buckets') {
    const values = selection.columns.cache.floats(plan.propertyName);
    const groups = grouping.groupBy === undefined ? undefined : selection.columns.cache.strings(grouping.groupBy);
    const { results, total } = bucketResults(selection, matches, values, groups, grouping, plan.type === 'MAX' ? 'MAX' : 'SUM');
    return respond(plan, results, finalValue(total));
  }
  const context = accumulatorContext(selection, plan);
  if (grouping.kind === 'total') {
    const accumulator = createAccumulator(plan.type, context);
    const { rows, times } = selection;
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] ?? 0;
      if (!matches || matches(row)) accumulator.add(row, times[index] ?? 0);
    }
    return respond(plan, [], finalValue(accumulator.result()));
  }
  const results: UsageResult[] = [];
  let current: { start: number; accumulator: Accumulator } | undefined;
  const close = () => {
    if (current) results.push({ window_size: formatInstant(current.start), value: finalValue(current.accumulator.result()) });
  };
  scanWindows(selection, matches, grouping.size, grouping.anchor, (start) => {
    close();
    current = { start, accumulator: createAccumulator(plan.type, context) };
  }, (row, time) => current?.accumulator.add(row, time));
  close();
  // The repository never sets the top-level value for windowed queries.
  return respond(plan, results, 0);
}

/** Go's struct order `results, value, event_name, type`, with `omitempty` on results and value. */
function respond(plan: UsagePlan, results: UsageResult[], value: number): GetUsageResponse {
  const body: GetUsageResponse = {};
  if (results.length > 0) body.results = results;
  if (value !== 0) body.value = value;
  body.event_name = plan.eventName;
  body.type = plan.type;
  return body;
}
