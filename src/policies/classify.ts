/**
 * Which upstream outcomes the policies act on. Retries: network errors, per-attempt timeouts, 408,
 * 429, 502, 503 and 504, never another 4xx. The breaker counts the provider's failures only:
 * timeouts, network errors and 5xx, not a refusal of the caller's request and not a 429.
 */
import { GatewayError } from '../errors';
import { remainingMs, type Deadline } from './deadline';
import { retryAfterMs } from './retry-after';

const retryableStatuses = new Set([408, 429, 502, 503, 504]);

/** A failure createUpstreamFetch reports for the provider (not for a caller that went away). */
export function isProviderFailure(error: unknown): boolean {
  return error instanceof GatewayError && (error.code === 'upstream_timeout' || error.code === 'upstream_unavailable') && error.upstreamStatus === undefined;
}

/** A thrown attempt worth repeating: the provider failed, and the caller is still waiting. */
export function isRetryableError(error: unknown, signal: AbortSignal): boolean {
  return !signal.aborted && isProviderFailure(error);
}

/**
 * An answer worth repeating. A `Retry-After` longer than what is left of the deadline makes it
 * final: the caller gets it (503 `upstream_rate_limited` with the provider's `Retry-After`) now
 * rather than a 504 later.
 */
export function shouldRetryResponse(response: Response, deadline: Deadline): boolean {
  if (!retryableStatuses.has(response.status)) return false;
  const wait = retryAfterMs(response.headers.get('retry-after'));
  return wait === undefined || wait < remainingMs(deadline);
}
