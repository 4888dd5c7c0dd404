/**
 * What `usage-gateway verify` checks and what it reports: the check names (Schemathesis-like for
 * provider answers, invariants for the unified API), one request it sends, one exchange, a failure.
 */

/** Checks on every provider answer, as Schemathesis names its own. */
export const answerChecks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_time',
] as const;

/** Checks on what a provider does with the request it was sent. */
export const requestChecks = [
  /** A request valid by the spec is answered 2xx. */
  'positive_data_acceptance',
  /** A request the spec refuses is refused with a 4xx in the documented error shape. */
  'negative_data_rejection',
  /** Requests without credentials, or with wrong ones, are refused. */
  'credentials_enforced',
] as const;

/** Invariants of the unified API, which a provider or an adapter can break silently. */
export const invariantChecks = [
  /** Windowed values add up to the unwindowed total for count and sum. */
  'windows_add_up',
  /** Per-customer values add up to the all-customers value, where the provider defines one. */
  'customers_add_up',
  /** The same query for a closed past period gives the same answer twice. */
  'stable_past_period',
  /** Sequence: a period asked whole equals the same period asked day by day and summed. */
  'sequence_days_add_up',
] as const;

export type CheckName = (typeof answerChecks)[number] | (typeof requestChecks)[number] | (typeof invariantChecks)[number];

/** One request to a provider, relative to its base URL. */
export interface RequestCase {
  /** The spec operation, e.g. `POST /events/usage`. */
  operation: string;
  kind: 'positive' | 'negative' | 'credentials';
  /** What makes a negative case invalid, or how credentials were changed. */
  description?: string;
  method: 'GET' | 'POST';
  /** Path and query string, e.g. `/usage-metrics?limit=5`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent instead of the configured credentials: `{}` sends none, other values wrong ones. */
  replaceCredentials?: Record<string, string>;
}

/** A request as sent, with credentials redacted. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A provider's answer as received, with secrets redacted. */
export interface ReceivedResponse {
  status: number;
  contentType: string | null;
  body: string;
  durationMs: number;
}

/** One request and its answer; `response` is absent when the provider could not be reached. */
export interface Exchange {
  request: SentRequest;
  response?: ReceivedResponse;
  /** Why no answer came (refused connection, timeout). */
  error?: string;
}

/** One failed check: what was expected, and the request and answer that showed otherwise. */
export interface Failure {
  check: CheckName;
  message: string;
  exchanges: Exchange[];
}
