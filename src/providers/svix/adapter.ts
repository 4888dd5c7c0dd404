/**
 * The Svix adapter: message attempts per application from Svix's asynchronous app stats.
 * POST /api/v1/stats/usage/app starts a background task; GET /api/v1/background-task/{task_id}
 * reads it until it is finished.
 */
import { randomUUID } from 'node:crypto';
import type { ProviderMode } from '../../usage/model';
import type { QueryOutcome, UsageProvider } from '../../usage/usage-provider';
import type { Fetch } from '../upstream';
import { svixCapabilities } from './capabilities';
import { checkSvixQuery } from './checks';
import { createSvixClient } from './client';
import { svixContractViolation, svixError, svixTaskFailed, svixTransportError } from './errors';
import { fromSvixAcceptedResponse, fromSvixStatsResponse, toSvixStatsRequest } from './mapping';
import { svixBaseUrl } from './region';
import { readSvixTaskStatus } from './task';

/** What `createSvixAdapter` needs; the registry fills it from config or from the running sandbox. */
export interface SvixAdapterOptions {
  /** The configured provider id (`svix`, `svix-eu`). */
  id: string;
  mode: ProviderMode;
  /** Overrides the regional URL the token implies (the sandbox, a proxy). */
  baseUrl?: string | undefined;
  /** The Svix API token; never in errors, logs or reports. */
  token: string;
  timeoutMs: number;
  /** Each query and each poll is one Svix call, so these never bind. */
  limits: { maxUpstreamCalls: number; upstreamConcurrency: number };
  fetch?: Fetch | undefined;
  /** The idempotency key for a query whose caller sent none (default: a fresh prefixed UUID). */
  newIdempotencyKey?: (() => string) | undefined;
}

/**
 * A fresh key per query. Svix reserves keys starting with `auto_` for its own client libraries,
 * so ours carry another prefix.
 */
export function newSvixIdempotencyKey(): string {
  return `usage-gateway-${randomUUID()}`;
}

/** Builds the Svix adapter. */
export function createSvixAdapter(options: SvixAdapterOptions): UsageProvider {
  const provider = options.id;
  const client = createSvixClient({
    provider,
    baseUrl: svixBaseUrl(options.token, options.baseUrl),
    token: options.token,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });
  const newIdempotencyKey = options.newIdempotencyKey ?? newSvixIdempotencyKey;

  /** Runs one call; a body that is not JSON becomes a contract violation, a caller abort stays as it is. */
  async function send<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (signal.aborted) throw error;
      throw svixTransportError(provider, error);
    }
  }

  return {
    id: provider,
    type: 'svix',
    mode: options.mode,
    capabilities: svixCapabilities,

    async query({ query, signal, idempotencyKey }): Promise<QueryOutcome> {
      checkSvixQuery(query, provider);
      // Svix replays its first 2xx answer for a key for 12 hours, so a caller retrying with the same
      // Idempotency-Key gets the task it already started. Svix scopes keys by token and path, not by
      // body: the same key with another period still answers with the first task.
      const { data, error, response } = await send(signal, () =>
        client.POST('/api/v1/stats/usage/app', {
          params: { header: { 'idempotency-key': idempotencyKey ?? newIdempotencyKey() } },
          body: toSvixStatsRequest(query),
          signal,
        }),
      );
      if (!response.ok) throw svixError(provider, response, error, options.token);
      const accepted = fromSvixAcceptedResponse(data, provider);
      return { kind: 'pending', upstreamTaskId: accepted.taskId, warnings: accepted.warnings };
    },

    async poll({ query, upstreamTaskId, warnings, signal }): Promise<QueryOutcome> {
      const { data, error, response } = await send(signal, () =>
        client.GET('/api/v1/background-task/{task_id}', { params: { path: { task_id: upstreamTaskId } }, signal }),
      );
      if (!response.ok) throw svixError(provider, response, error, options.token);
      const status = readSvixTaskStatus(data, provider);
      switch (status) {
        case 'running':
          return { kind: 'pending', upstreamTaskId, warnings };
        case 'failed':
          throw svixTaskFailed(provider, upstreamTaskId);
        case 'finished':
          return { kind: 'complete', report: fromSvixStatsResponse(data, query, { provider, warnings }) };
        default: {
          const unexpected: never = status;
          throw svixContractViolation(provider, `unknown background task status ${String(unexpected)}`);
        }
      }
    },
  } satisfies UsageProvider;
}
