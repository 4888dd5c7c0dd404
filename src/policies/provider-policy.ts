/**
 * The resilience of one provider, shared by its adapter and its native passthrough: every upstream
 * call goes through retries (exponential backoff, full jitter, `Retry-After` honoured), a circuit
 * breaker and a bulkhead (cockatiel, composed with `wrap`), under the request's deadline. Built
 * once per provider at startup; a call costs a closure and the policies' own bookkeeping.
 */
import {
  BrokenCircuitError, BulkheadRejectedError, CircuitState, ConsecutiveBreaker,
  bulkhead, circuitBreaker, handleWhen, retry, wrap,
} from 'cockatiel';
import type { PolicySettings } from '../config';
import { GatewayError } from '../errors';
import type { BreakerState, GatewayEvents } from '../events';
import type { Fetch } from '../providers/upstream';
import { markUpstreamFetch } from '../providers/upstream';
import { plainCall } from '../providers/fetch-request';
import { isResponse } from '../providers/pooled-fetch';
import { jitterBackoff } from './backoff';
import { deadlineOf, deadlineFailure, startDeadline, untilAborted, type Deadline } from './deadline';
import { isProviderFailure, isRetryableError, shouldRetryResponse } from './classify';
import { retryAfterSeconds } from './retry-after';

/** What `GET /v1/providers/{id}` shows of the breaker. */
export interface BreakerStatus {
  state: BreakerState;
  /** The last failure the breaker counted, RFC 3339; null when none yet. */
  lastFailureAt: string | null;
}

export interface WrapOptions {
  /**
   * Retry any method. Adapters set it: each of their calls reads (Flexprice's POST /events/usage is
   * a query) or carries an idempotency key (Svix stats). The native passthrough leaves it off: only
   * idempotent methods and requests with an `Idempotency-Key` are retried there.
   */
  retryAnyMethod: boolean;
}

export interface ProviderPolicy {
  readonly provider: string;
  /** A fetch that runs `attempt` (one upstream call with its per-attempt timeout) under the policies. */
  wrap(attempt: Fetch, options: WrapOptions): Fetch;
  breakerStatus(): BreakerStatus;
}

export interface ProviderPolicyOptions {
  settings: PolicySettings;
  /** The deadline of a call made outside any request deadline (`limits.queryDeadlineMs`). */
  deadlineMs: number;
  events?: GatewayEvents | undefined;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const states: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** A call's URL and init, with a request body read once so every attempt can send it again. */
async function replayable(given: Parameters<Fetch>[0], givenInit: Parameters<Fetch>[1]): Promise<{ target: Parameters<Fetch>[0]; init: RequestInit; method: string; idempotencyKey: boolean }> {
  const [input, init] = plainCall(given, givenInit);
  if (input instanceof Request) {
    const method = (init?.method ?? input.method).toUpperCase();
    const idempotencyKey = input.headers.has('idempotency-key');
    if (input.body === null) return { target: input, init: { ...init, signal: init?.signal ?? input.signal }, method, idempotencyKey };
    const body = await input.arrayBuffer();
    return { target: input.url, init: { ...init, method, headers: input.headers, body, redirect: input.redirect, signal: init?.signal ?? input.signal }, method, idempotencyKey };
  }
  return { target: input, init: { ...init }, method: (init?.method ?? 'GET').toUpperCase(), idempotencyKey: hasHeader(init?.headers, 'idempotency-key') };
}

/** Whether `headers` (any HeadersInit) carries `name` (lower case), without building a Headers. */
function hasHeader(headers: RequestInit['headers'], name: string): boolean {
  if (headers === undefined) return false;
  if (headers instanceof Headers) return headers.has(name);
  const names = Array.isArray(headers) ? headers.map(([key]) => key) : Object.keys(headers);
  return names.some((key) => key?.toLowerCase() === name);
}

export function createProviderPolicy(options: ProviderPolicyOptions): ProviderPolicy {
  const { settings, events } = options;
  const provider = settings.id;
  const retryable = new WeakSet<object>();
  let lastFailureAt: number | undefined;
  let openedAt = 0;

  const retryPolicy = retry(
    handleWhen((error) => retryable.has(error)).orWhenResult((result) => retryable.has(result as object)),
    { maxAttempts: settings.retry.maxAttempts - 1, backoff: jitterBackoff(settings.retry, deadlineOf) },
  );
  const breaker = circuitBreaker(
    handleWhen(isProviderFailure).orWhenResult((result) => isResponse(result) && result.status >= 500),
    { halfOpenAfter: settings.circuitBreaker.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.circuitBreaker.failureThreshold) },
  );
  const bulkheadPolicy = bulkhead(settings.bulkhead.maxConcurrent, settings.bulkhead.maxQueued);
  const policy = wrap(retryPolicy, breaker, bulkheadPolicy);

  breaker.onFailure(({ handled }) => {
    if (handled) lastFailureAt = Date.now();
  });
  breaker.onBreak(() => {
    openedAt = Date.now();
  });
  if (events) {
    retryPolicy.onRetry((event) => {
      const reason = 'error' in event ? (event.error instanceof GatewayError ? event.error.code : event.error.name) : `status ${(event.value as Response).status}`;
      events.emit('retry', { provider, attempt: event.attempt, delayMs: event.delay, reason });
    });
    breaker.onStateChange((state) => events.emit('breaker', { provider, state: states[state] }));
    bulkheadPolicy.onReject(() => events.emit('bulkheadRejected', { provider }));
  }

  function refusal(error: unknown, deadline: Deadline): unknown {
    if (error instanceof BrokenCircuitError) {
      const wait = openedAt + settings.circuitBreaker.halfOpenAfterMs - Date.now();
      return new GatewayError('upstream_unavailable', {
        detail: `${provider} is failing; calls are paused (circuit breaker open) and will be tried again shortly`,
        provider, retryable: true, headers: { 'Retry-After': retryAfterSeconds(wait) }, cause: error,
      });
    }
    if (error instanceof BulkheadRejectedError) {
      return new GatewayError('upstream_unavailable', {
        detail: `${provider} has ${settings.bulkhead.maxConcurrent} calls in flight and ${settings.bulkhead.maxQueued} waiting; try again shortly`,
        provider, retryable: true, headers: { 'Retry-After': '1' }, cause: error,
      });
    }
    return deadlineFailure(deadline, provider, error);
  }

  return {
    provider,
    wrap(attempt, wrapOptions) {
      const wrapped: Fetch = async (input, init) => {
        const call = await replayable(input, init);
        const retryMethod = wrapOptions.retryAnyMethod || idempotentMethods.has(call.method) || call.idempotencyKey;
        const caller = call.init.signal ?? undefined;
        // A unified query's or native request's signal carries its deadline; a call made outside
        // one gets its own here.
        const scoped = deadlineOf(caller);
        const deadline = scoped ?? startDeadline(options.deadlineMs, caller);
        const signal = scoped ? (caller ?? scoped.signal) : deadline.signal;
        // Every attempt uses this call's signal: a caller queued behind a half-open probe is re-run
        // by cockatiel without one.
        const run = async (): Promise<Response> => {
          try {
            const response = await attempt(call.target, { ...call.init, signal });
            if (retryMethod && shouldRetryResponse(response, deadline)) retryable.add(response);
            return response;
          } catch (error) {
            if (retryMethod && isRetryableError(error, signal)) retryable.add(error as object);
            throw error;
          }
        };
        try {
          return await untilAborted(policy.execute(run, signal), signal);
        } catch (error) {
          throw refusal(error, deadline);
        } finally {
          // A deadline started here ends with this call; a query's own ends with the query.
          if (!scoped) deadline.dispose();
        }
      };
      return markUpstreamFetch(wrapped);
    },
    breakerStatus: () => ({
      state: states[breaker.state],
      lastFailureAt: lastFailureAt === undefined ? null : new Date(lastFailureAt).toISOString(),
    }),
  };
}

/** One policy per configured provider, keyed by provider id. */
export function createProviderPolicies(
  settings: readonly PolicySettings[],
  options: Omit<ProviderPolicyOptions, 'settings'>,
): Map<string, ProviderPolicy> {
  return new Map(settings.map((entry) => [entry.id, createProviderPolicy({ ...options, settings: entry })]));
}
