/**
 * The Sequence adapter: one `GET /usage-metrics/{usageMetricId}/calculate` for the whole period,
 * plus one per window when a windowSize is asked.
 */
import type { ProviderMode, UsageQuery } from '../../usage/model';
import type { UsageProvider } from '../../usage/usage-provider';
import type { WindowRange } from '../../usage/windows';
import type { Fetch } from '../upstream';
import { sequenceCapabilities } from './capabilities';
import { createSequenceClient, sequenceHeader } from './client';
import { mapWithConcurrency } from '../concurrency';
import { toSequenceCallFailure, toSequenceError } from './errors';
import {
  checkSequenceAggregation,
  checkSequenceCustomers,
  checkSequenceProperty,
  fromSequenceResponse,
  toSequenceCalculateParams,
  type SequenceAnswer,
} from './mapping';
import { readSequenceCalculation } from './response';
import { checkSequencePeriod, planSequenceWindows } from './windows';

export interface SequenceAdapterOptions {
  /** The configured provider id. */
  id: string;
  mode: ProviderMode;
  /** Defaults to production, `https://eu.sequencehq.com/api`. */
  baseUrl?: string;
  /** The API client's id and secret (Basic auth); never echoed in errors or reports. */
  clientId: string;
  clientSecret: string;
  /** Per upstream call. */
  timeoutMs: number;
  limits: {
    /** Calls one query may make: the whole period plus one per window. */
    maxUpstreamCalls: number;
    /** Window calls in flight at once. */
    upstreamConcurrency: number;
  };
  fetch?: Fetch;
}

/** Builds the adapter for one configured Sequence account. */
export function createSequenceAdapter(options: SequenceAdapterOptions): UsageProvider {
  const client = createSequenceClient(options);
  const header = sequenceHeader(options.clientId, options.clientSecret);
  const secrets = [options.clientSecret, header.Authorization.slice('Basic '.length)];

  async function calculate(query: UsageQuery, range: WindowRange, signal: AbortSignal): Promise<SequenceAnswer> {
    const params = { ...toSequenceCalculateParams(query, range), header };
    let result;
    try {
      result = await client.GET('/usage-metrics/{usageMetricId}/calculate', { params, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw toSequenceCallFailure(options.id, error);
    }
    const { data, error, response } = result;
    // openapi-fetch gives `error: undefined` for an empty error body: the status decides.
    if (!response.ok) throw toSequenceError(options.id, response, error, secrets);
    return readSequenceCalculation(options.id, data);
  }

  return {
    id: options.id,
    type: 'sequence',
    mode: options.mode,
    capabilities: sequenceCapabilities,
    async query({ query, signal }) {
      const period = checkSequencePeriod(query);
      checkSequenceCustomers(query);
      checkSequenceProperty(query);
      const windows = planSequenceWindows(query, period, options.limits.maxUpstreamCalls);
      // The whole period goes first: it confirms the metric and its aggregation before the
      // window calls are spent, and gives the exact total (UNIQUE and CUSTOM are not additive).
      const whole = await calculate(query, period, signal);
      checkSequenceAggregation(query, whole.calculation);
      const answers =
        windows === null
          ? null
          : await mapWithConcurrency(windows, options.limits.upstreamConcurrency, signal, async (range, windowSignal) => ({
              range,
              // A window that is the whole period (a MONTH window over one billing month) is that answer.
              answer: range.start === period.start && range.end === period.end ? whole : await calculate(query, range, windowSignal),
            }));
      return { kind: 'complete', report: fromSequenceResponse(whole, query, answers) };
    },
  } satisfies UsageProvider;
}
