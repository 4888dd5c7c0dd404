/**
 * What every adapter shares about talking to a provider: a fetch that enforces the timeout and
 * turns network failures into gateway errors, and one mapping of upstream statuses to error codes.
 */
import { GatewayError, type ErrorCode } from '../errors';
import { plainCall, ProviderRequest, signalOf } from './fetch-request';
import { bufferedBody, bufferedResponse } from './pooled-fetch';
import { timedSignal } from './timed-signal';

export type Fetch = typeof globalThis.fetch;

const complete = Symbol('usage-gateway.upstream-fetch');

/**
 * Marks `fetch` as one that already does what createUpstreamFetch does (per-attempt timeouts,
 * gateway errors, bodies read): createUpstreamFetch's own, and the resilience policies' around one
 * (src/policies/). The fetch the registry composes for an adapter is such a fetch, so the
 * adapter's client (upstreamClientOptions) uses it as it is.
 */
export function markUpstreamFetch(fetch: Fetch): Fetch {
  return Object.assign(fetch, { [complete]: true });
}

function isUpstreamFetch(fetch: Fetch): boolean {
  return (fetch as Fetch & { [complete]?: boolean })[complete] === true;
}

export interface UpstreamFetchOptions {
  provider: string;
  timeoutMs: number;
  fetch?: Fetch | undefined;
}

/**
 * Wraps `fetch` so a slow provider becomes 504 `upstream_timeout`, an unreachable one 503
 * `upstream_unavailable`, and a caller abort propagates untouched. The answer comes back with its
 * body already read.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions): Fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  if (isUpstreamFetch(baseFetch)) return baseFetch;
  const failure = (error: unknown, timedOut: boolean, answering: boolean): GatewayError =>
    timedOut
      ? new GatewayError('upstream_timeout', {
          detail: `${options.provider} did not answer within ${options.timeoutMs} ms`,
          provider: options.provider,
          retryable: true,
          cause: error,
        })
      : new GatewayError('upstream_unavailable', {
          detail: answering ? `${options.provider} broke off its answer` : `${options.provider} cannot be reached`,
          provider: options.provider,
          retryable: true,
          cause: error,
        });
  return markUpstreamFetch(async (given, givenInit) => {
    const [input, init] = plainCall(given, givenInit);
    const callerSignal = signalOf(input, init);
    const timeout = timedSignal(options.timeoutMs, callerSignal, `${options.provider} did not answer within ${options.timeoutMs} ms`);
    let answering = false;
    try {
      const response = await baseFetch(input, { ...init, signal: timeout.signal });
      answering = true;
      // The pooled fetch read the body already, under this signal.
      if (bufferedBody(response) !== undefined) return response;
      // Read the whole body here, under the same deadline: a provider that stalls or breaks off
      // mid-body is then a timeout or an outage like any other, not a parse error later.
      const body = Buffer.from(await response.arrayBuffer());
      return bufferedResponse(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      // A caller abort, or a verdict an inner fetch already gave (e.g. the contract guard), stands.
      if (callerSignal?.aborted || error instanceof GatewayError) throw error;
      throw failure(error, timeout.timedOut(), answering);
    } finally {
      timeout.dispose();
    }
  });
}

/**
 * What each adapter's openapi-fetch client is made with: the upstream fetch, the light request
 * class (ProviderRequest) that fetch reads instead of a WHATWG Request, and redirects left
 * unfollowed. A provider's usage API does not redirect; following one would send the provider's
 * credentials (Flexprice's `x-api-key` survives a cross-origin redirect) wherever it points, so a
 * redirect is answered as the upstream error it is (upstreamError).
 */
export function upstreamClientOptions(options: UpstreamFetchOptions): { fetch: Fetch; Request: typeof Request; redirect: NonNullable<RequestInit['redirect']> } {
  return { fetch: createUpstreamFetch(options), Request: ProviderRequest as unknown as typeof Request, redirect: 'manual' };
}

/**
 * `text` with every occurrence of a secret replaced by `[redacted]`: a provider that echoes our
 * credentials back (in an error body or header) must not hand them to a caller or a log.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((current, secret) => (secret === '' ? current : current.split(secret).join('[redacted]')), text);
}

/** Maps an upstream error response to the gateway's error family, carrying the provider's message. */
export function upstreamError(provider: string, response: Response, message: string | undefined): GatewayError {
  const status = response.status;
  const code: ErrorCode =
    status === 401 || status === 403 ? 'upstream_auth_failed'
    : status === 404 ? 'upstream_not_found'
    : status === 429 ? 'upstream_rate_limited'
    : status >= 400 && status < 500 ? 'upstream_invalid_request'
    : 'upstream_error';
  // Our credentials are never the caller's business: keep the provider's words out of auth failures.
  // A redirect is not followed (upstreamClientOptions): say so rather than what came with it.
  const redirect = status >= 300 && status < 400;
  const said = redirect
    ? ', a redirect: provider redirects are not followed, so check the provider\'s baseUrl'
    : code === 'upstream_auth_failed' || !message ? '' : `: ${message}`;
  const retryAfter = response.headers.get('retry-after');
  return new GatewayError(code, {
    detail: `${provider} answered ${status}${said}`,
    provider,
    upstreamStatus: status,
    retryable: code === 'upstream_rate_limited' || status >= 500,
    headers: code === 'upstream_rate_limited' && retryAfter ? { 'Retry-After': retryAfter } : {},
  });
}
