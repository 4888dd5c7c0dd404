/**
 * The retry backoff: exponential with full jitter (a random delay in [0, min(maxDelayMs,
 * baseDelayMs·2^(attempt-1)))), or exactly what the provider's `Retry-After` asks, and never
 * past the request's deadline.
 */
import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';
import { isResponse } from '../providers/pooled-fetch';
import { remainingMs, type Deadline } from './deadline';
import { retryAfterMs } from './retry-after';

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
}

type Context = IRetryBackoffContext<unknown>;

export function jitterBackoff(settings: BackoffSettings, deadlineOf: (signal: AbortSignal) => Deadline | undefined): IBackoffFactory<Context> {
  const step = (attempt: number, context: Context): IBackoff<Context> => {
    const answer = 'value' in context.result && isResponse(context.result.value) ? context.result.value : undefined;
    const asked = answer ? retryAfterMs(answer.headers.get('retry-after')) : undefined;
    const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    const wanted = asked ?? Math.floor(Math.random() * ceiling);
    const deadline = deadlineOf(context.signal);
    return {
      duration: deadline ? Math.min(wanted, remainingMs(deadline)) : wanted,
      next: (next) => step(attempt + 1, next),
    };
  };
  return { next: (context) => step(1, context) };
}
