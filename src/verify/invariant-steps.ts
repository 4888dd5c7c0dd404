/**
 * The steps every invariant takes through the unified API: ask a query when the request budget
 * can pay for it (a refusal fails the check, a spent budget skips it), compare two figures, and
 * show a query with its report in a failure.
 */
import type { UsageClient } from '../client';
import type { ProviderConfig } from '../config';
import type { CheckName, Exchange } from './model';
import type { Subjects } from './plan';
import type { Recorder } from './recorder';
import { ask, close, type UsageQuery, type UsageReport } from './unified';

const DAY_MS = 86_400_000;

export interface InvariantContext {
  client: UsageClient;
  gatewayUrl: string;
  provider: ProviderConfig;
  subjects: Subjects;
  recorder: Recorder;
  /** Requests the provider may still be sent. */
  remaining(): number;
  seed: number;
  timeoutMs: number;
}

export interface Steps extends InvariantContext {
  /** Days in the period. */
  days: number;
  asked(check: CheckName, query: UsageQuery): Promise<UsageReport | undefined>;
  compare(check: CheckName, expected: number, found: number, message: string, shown: Exchange[]): void;
  exchange(query: UsageQuery, report: UsageReport): Exchange;
}

/** Provider calls one unified query may cost: Svix creates a task and the gateway polls it; Sequence calls once per window and once for the total. */
function cost(provider: ProviderConfig, query: UsageQuery, days: number): number {
  if (provider.type === 'svix') return 6;
  const perCustomer = provider.type === 'flexprice' ? Math.max(1, query.customers?.length ?? 1) : 1;
  const windowDays = query.windowSize === 'DAY' ? 1 : query.windowSize === 'WEEK' ? 7 : 28;
  const windows = provider.type === 'sequence' && query.windowSize ? Math.ceil(days / windowDays) + 1 : 0;
  return perCustomer + windows;
}

export function createSteps(context: InvariantContext): Steps {
  const { provider, recorder } = context;
  const days = (context.subjects.period.to - context.subjects.period.from) / DAY_MS;
  return {
    ...context,
    days,
    async asked(check, query) {
      if (context.remaining() < cost(provider, query, days)) {
        recorder.skip(check, 'the --max-requests budget is spent');
        return undefined;
      }
      const answer = await ask(context.client, context.gatewayUrl, query, context.timeoutMs);
      if (answer.report) return answer.report;
      if (context.remaining() <= 0) recorder.skip(check, 'the --max-requests budget is spent');
      else recorder.fail({ check, message: `the query could not be answered: ${answer.reason}`, exchanges: [answer.exchange] });
      return undefined;
    },
    compare(check, expected, found, message, shown) {
      if (close(expected, found)) recorder.pass(check);
      else recorder.fail({ check, message: `${message}: ${found} where ${expected} was expected`, exchanges: shown });
    },
    exchange: (query, report) => ({
      request: { method: 'POST', url: `${context.gatewayUrl}/v1/usage/query`, headers: {}, body: query },
      response: { status: 200, contentType: 'application/json', body: JSON.stringify(report), durationMs: 0 },
    }),
  };
}
