/**
 * The whole-query deadline (`limits.queryDeadlineMs`). It is started once per unified query or
 * native request and carried by its signal (src/request-scope.ts) to every upstream call the
 * request makes: retries and backoffs never wait past it, and whatever is still in flight when it
 * passes is abandoned with 504 `upstream_timeout`. One timer per request.
 */
import { GatewayError } from '../errors';
import { timedSignal } from '../providers/timed-signal';
import { bindScope, scopeOf, type RequestScope } from '../request-scope';

export interface Deadline {
  /** When it passes, in `Date.now()` milliseconds. */
  readonly at: number;
  /** The budget it was started with, for messages. */
  readonly budgetMs: number;
  /** Aborts when the deadline passes or the caller goes away. */
  readonly signal: AbortSignal;
  /** True once the deadline itself passed (not merely the caller leaving). */
  expired(): boolean;
  /** Ends the work now with `reason`: the caller went away. */
  abort(reason: unknown): void;
  /** Releases its timer once the work it bounds is over. */
  dispose(): void;
}

/**
 * Starts a deadline `budgetMs` from now, also aborted by `caller` when given. Its signal carries
 * the request `caller` serves, or `request` when given.
 */
export function startDeadline(budgetMs: number, caller?: AbortSignal, request?: RequestScope): Deadline {
  const timeout = timedSignal(budgetMs, caller, `The query deadline of ${budgetMs} ms passed`);
  const deadline: Deadline = {
    at: Date.now() + budgetMs,
    budgetMs,
    signal: timeout.signal,
    expired: timeout.timedOut,
    abort: timeout.abort,
    dispose: timeout.dispose,
  };
  // Calls given this signal, or one made from it, find the deadline with deadlineOf.
  bindScope(deadline.signal, { request: request ?? scopeOf(caller)?.request, deadline });
  return deadline;
}

/**
 * Runs `run`, and releases `deadline` when it is done. The work runs under the deadline by
 * giving its calls `deadline.signal` (or a signal made from it).
 */
export async function runWithDeadline<T>(deadline: Deadline, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    deadline.dispose();
  }
}

/** The deadline a call given `signal` runs under, if one was started for it. */
export function deadlineOf(signal: AbortSignal | null | undefined): Deadline | undefined {
  return scopeOf(signal)?.deadline;
}

/** Milliseconds left before `deadline` (never negative). */
export function remainingMs(deadline: Deadline): number {
  return Math.max(0, deadline.at - Date.now());
}

/** The 504 a request gets when its deadline passed. */
export function deadlineExceeded(deadline: Deadline, provider: string | undefined, cause?: unknown): GatewayError {
  return new GatewayError('upstream_timeout', {
    detail: `${provider ?? 'The provider'} did not answer within the ${deadline.budgetMs} ms query deadline (limits.queryDeadlineMs)`,
    provider,
    retryable: true,
    cause,
  });
}

/**
 * What a failure under `deadline` is for the caller: once the deadline has passed, a 504 (the
 * failure itself when it already is one); before, the failure as it is.
 */
export function deadlineFailure(deadline: Deadline, provider: string | undefined, error: unknown): unknown {
  if (!deadline.expired() || (error instanceof GatewayError && error.code === 'upstream_timeout')) return error;
  return deadlineExceeded(deadline, provider, error);
}

/**
 * `promise`, or a rejection with `signal.reason` as soon as `signal` aborts: whatever is still
 * running underneath (a queued call, a backoff timer) can no longer hold the answer back.
 * `giveUp` runs first when the signal wins (e.g. a caller leaving work it shares).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, giveUp?: () => void): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    giveUp?.();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      giveUp?.();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
