/** A Flexprice adapter pointed at a fake upstream that validates requests against specs/flexprice.yaml. */
import { createFlexpriceAdapter, type FlexpriceAdapterOptions } from '../../../src/providers/flexprice/adapter';
import type { UsageQuery, UsageReport } from '../../../src/usage/model';
import type { UsageProvider } from '../../../src/usage/usage-provider';
import type { FakeUpstream, RecordedRequest } from '../../helpers/fake-upstream';

/** A key that must never show up in an error or a report. */
export const apiKey = 'fp_live_SECRET_5c1d9e';

export function adapterFor(upstream: Pick<FakeUpstream, 'baseUrl'>, overrides: Partial<FlexpriceAdapterOptions> = {}): UsageProvider {
  return createFlexpriceAdapter({
    id: 'flexprice',
    mode: 'live',
    baseUrl: upstream.baseUrl,
    apiKey,
    timeoutMs: 2_000,
    limits: { maxUpstreamCalls: 10, upstreamConcurrency: 4 },
    ...overrides,
  });
}

/** Runs a query that must complete and returns its report. */
export async function reportOf(adapter: UsageProvider, query: UsageQuery): Promise<UsageReport> {
  const outcome = await adapter.query({ query, signal: new AbortController().signal });
  if (outcome.kind !== 'complete') throw new Error(`expected a complete outcome, got ${outcome.kind}`);
  return outcome.report;
}

/** What a test asserts of each outbound request: where it went, how it was signed, what it said. */
export function outbound(request: RecordedRequest): unknown {
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    apiKey: request.headers['x-api-key'],
    contentType: request.headers['content-type'],
    body: request.body,
    violations: request.violations,
  };
}

/** The request an adapter test expects, signed with the test key and conforming to the spec. */
export function expected(body: Record<string, unknown>): unknown {
  return { method: 'POST', path: '/v1/events/usage', query: {}, apiKey, contentType: 'application/json', body, violations: [] };
}
