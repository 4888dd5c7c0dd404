/**
 * What a usage provider is. This file is the contract between the gateway and every adapter:
 * treat it as a breaking surface.
 */
import type { Capabilities, ProviderMode, ProviderType, UsageQuery, UsageReport, UsageWarning } from './model';

/** The outcome of a query: a finished report, or an upstream task still running. */
export type QueryOutcome =
  | { readonly kind: 'complete'; readonly report: UsageReport }
  | {
      readonly kind: 'pending';
      /** The id the provider gave its task. */
      readonly upstreamTaskId: string;
      /** Warnings known when the task started (e.g. unresolved ids); the gateway hands them back to `poll`. */
      readonly warnings: readonly UsageWarning[];
    };

export interface QueryOptions {
  /** The validated unified query; `query.provider` is this provider's id. */
  readonly query: UsageQuery;
  /** Aborts every upstream call made for this query. */
  readonly signal: AbortSignal;
  /** The caller's `Idempotency-Key`, forwarded where the provider supports one. */
  readonly idempotencyKey?: string | undefined;
}

export interface PollOptions {
  /** The query that started the task (its report is built from it). */
  readonly query: UsageQuery;
  /** The id the provider gave the task. */
  readonly upstreamTaskId: string;
  /** The warnings the pending outcome carried; they belong in the final report. */
  readonly warnings: readonly UsageWarning[];
  readonly signal: AbortSignal;
}

export interface UsageProvider {
  /** The configured id, unique in one gateway (`flexprice`, `flexprice-eu`). */
  readonly id: string;
  /** Which provider API this adapter speaks. */
  readonly type: ProviderType;
  /** `sandbox` when it talks to the embedded simulator, `live` otherwise. */
  readonly mode: ProviderMode;
  /**
   * What the provider can answer. The gateway checks every query against this declaration before
   * calling `query`, and `GET /v1/providers` publishes it, so the two cannot disagree.
   */
  readonly capabilities: Capabilities;
  /**
   * Answers one query. Throws `GatewayError`: `unsupported_by_provider` for combinations the
   * capabilities cannot express (before any upstream call), the `upstream_*` family otherwise.
   */
  query(options: QueryOptions): Promise<QueryOutcome>;
  /**
   * Checks an upstream task once. Required when `capabilities.async` is true; a `failed` task
   * throws `upstream_task_failed`.
   */
  poll?(options: PollOptions): Promise<QueryOutcome>;
}
