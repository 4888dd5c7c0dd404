/** A scripted UsageProvider for route tests: records each call and answers what the test says. */
import type { Capabilities, UsageQuery, UsageReport } from '../../src/usage/model';
import type { PollOptions, QueryOptions, QueryOutcome, UsageProvider } from '../../src/usage/usage-provider';

export const allCapabilities: Capabilities = {
  aggregations: ['count', 'sum', 'avg', 'max', 'latest', 'count_unique', 'sum_with_multiplier', 'weighted_sum'],
  windowSizes: ['MINUTE', '15MIN', '30MIN', 'HOUR', '3HOUR', '6HOUR', '12HOUR', 'DAY', 'WEEK', 'MONTH'],
  bucketSizes: ['HOUR', 'DAY'],
  filters: true,
  groupBy: true,
  async: false,
  customersRequired: false,
  multipleCustomers: true,
};

export function reportFor(query: UsageQuery, overrides: Partial<UsageReport> = {}): UsageReport {
  return {
    provider: query.provider,
    providerType: 'flexprice',
    metric: query.metric,
    aggregation: query.aggregation ?? 'count',
    unit: null,
    from: query.from,
    to: query.to,
    value: 42,
    eventCount: 42,
    windows: null,
    groups: [],
    status: 'complete',
    warnings: [],
    ...overrides,
  };
}

export interface FakeProvider extends UsageProvider {
  queries: QueryOptions[];
  polls: PollOptions[];
}

export function fakeProvider(
  init: Partial<Pick<UsageProvider, 'id' | 'type' | 'mode' | 'capabilities'>> & {
    answer?: (options: QueryOptions) => Promise<QueryOutcome> | QueryOutcome;
    poll?: (options: PollOptions) => Promise<QueryOutcome> | QueryOutcome;
  } = {},
): FakeProvider {
  const queries: QueryOptions[] = [];
  const polls: PollOptions[] = [];
  const answer = init.answer ?? ((options: QueryOptions) => ({ kind: 'complete' as const, report: reportFor(options.query) }));
  const provider: FakeProvider = {
    id: init.id ?? 'fake',
    type: init.type ?? 'flexprice',
    mode: init.mode ?? 'live',
    capabilities: init.capabilities ?? allCapabilities,
    queries,
    polls,
    async query(options) {
      queries.push(options);
      return answer(options);
    },
  };
  const poll = init.poll;
  if (poll) {
    provider.poll = async (options) => {
      polls.push(options);
      return poll(options);
    };
  }
  return provider;
}
