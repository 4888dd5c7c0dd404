/** The Flexprice usage adapter: `POST /events/usage`, one call per customer when several are asked. */
import type { ProviderMode, UsageQuery } from '../../usage/model';
import type { QueryOutcome, UsageProvider } from '../../usage/usage-provider';
import type { Fetch } from '../upstream';
import { flexpriceCapabilities } from './capabilities';
import { createFlexpriceClient } from './client';
import { mapWithConcurrency } from '../concurrency';
import { flexpriceError } from './errors';
import { toFlexpriceUsageRequest } from './mapping';
import { planFlexpriceCalls } from './plan';
import { toFlexpriceReport } from './report';
import { readFlexpriceUsage } from './response';
import type { FlexpriceAnswer, FlexpriceCall, FlexpriceUsageRequest } from './types';

/** What the registry gives the factory: one configured Flexprice provider. */
export interface FlexpriceAdapterOptions {
  /** The configured provider id. */
  id: string;
  mode: ProviderMode;
  /** Defaults to the US region, `https://us.api.flexprice.io/v1`. */
  baseUrl?: string | undefined;
  /** Sent as `x-api-key`; never echoed in errors or reports. */
  apiKey: string;
  timeoutMs: number;
  limits: {
    /** The most calls one query may make (customers × calls per customer). */
    maxUpstreamCalls: number;
    /** The most calls in flight at once for one query. */
    upstreamConcurrency: number;
  };
  fetch?: Fetch | undefined;
}

/** Builds the adapter the registry serves for a `flexprice` provider. */
export function createFlexpriceAdapter(options: FlexpriceAdapterOptions): UsageProvider {
  const { id, apiKey, limits } = options;
  const client = createFlexpriceClient({ id, baseUrl: options.baseUrl, apiKey, timeoutMs: options.timeoutMs, fetch: options.fetch });

  async function ask(query: UsageQuery, call: FlexpriceCall, signal: AbortSignal): Promise<FlexpriceAnswer> {
    const body = toFlexpriceUsageRequest(query, call) satisfies FlexpriceUsageRequest;
    // Read as text: a 200 that is not JSON is the provider's contract violation, not our crash.
    const { data, error, response } = await client.POST('/events/usage', { body, signal, parseAs: 'text' });
    if (!response.ok) throw flexpriceError(id, response, error, apiKey);
    return { call, ...readFlexpriceUsage(id, data) };
  }

  return {
    id,
    type: 'flexprice',
    mode: options.mode,
    capabilities: flexpriceCapabilities,
    async query({ query, signal }): Promise<QueryOutcome> {
      const calls = planFlexpriceCalls(query, id, limits);
      const answers = await mapWithConcurrency(calls, limits.upstreamConcurrency, signal, (call, callSignal) => ask(query, call, callSignal));
      return { kind: 'complete', report: toFlexpriceReport(answers, query, { provider: id }) };
    },
  } satisfies UsageProvider;
}
