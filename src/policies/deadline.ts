/**
 * The whole-query deadline (`limits.queryDeadlineMs`). It is started once per unified query or
 * native request and carried, through an AsyncLocalStorage scope, to every upstream call the
 * request makes: retries and backoffs never wait past it, and whatever is still in flight when it
 * passes is abandoned with 504 `upstream_timeout`. One timer per request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { GatewayError } from '../errors';
import { timedSignal } from '../providers/timed-signal';

export interface Deadline {
  /** When it passes, in `Date.now()` milliseconds. */
  readonly at: number;
  /** The budget it was started with, for messages. */
  readonly budgetMs: number;
  /** Aborts when the deadline passes or the caller goes away. */
  readonly signal: AbortSignal;
  /** True once the deadline itself passed (not merely the caller leaving). */
  expired(): boolean;
  /** Releases its timer once the work it bounds is over. */
  dispose(): void;
}

const storage = new AsyncLocalStorage<Deadline>();

/** Starts a deadline `budgetMs` from now, also aborted by `caller` when given. */
export function startDeadline(budgetMs: number, caller?: AbortSignal): Deadline {
  const timeout = timedSignal(budgetMs, caller, `The query deadline of ${budgetMs} ms passed`);
  return {
    at: Date.now() + budgetMs,
    budgetMs,
    signal: timeout.signal,
    expired: timeout.timedOut,
    dispose: timeout.dispose,
  };
}

/** Runs `run` (and everything it starts) under `deadline`, and releases the deadline when it is done. */
export async function runWithDeadline<T>(deadline: Deadline, run: () => Promise<T>): Promise<T> {
  try {
    return await storage.run(deadline, run);
  } finally {
    deadline.dispose();
  }
}

/** The deadline of the request being answered, if one was started. */
export function currentDeadline(): Deadline | undefined {
  return storage.getStore();
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
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
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
