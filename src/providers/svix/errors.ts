/** Svix's error bodies read leniently, and the Svix-specific failures of the gateway's error family. */
import { GatewayError } from '../../errors';
import { redactSecrets, upstreamError } from '../upstream';
import { isRecord } from './json';

// A non-JSON error body (a proxy's HTML page, a bare 502) is quoted only this far.
const maxQuotedText = 200;

/**
 * The provider's own words from an error body. Svix answers 422 with HTTPValidationError
 * `{detail: [{loc, msg, type}]}` (e.g. when none of the app ids resolve) and every other error with
 * HttpErrorOut `{code, detail}`; either may be missing or malformed, so nothing here trusts the shape.
 */
export function readSvixErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, maxQuotedText) || undefined;
  if (!isRecord(body)) return undefined;
  const { code, detail } = body;
  if (Array.isArray(detail)) {
    const messages = detail.flatMap((item) => (isRecord(item) && typeof item.msg === 'string' ? [item.msg] : []));
    return messages.length > 0 ? messages.join('; ') : undefined;
  }
  if (typeof detail === 'string' && detail !== '') {
    return typeof code === 'string' && code !== '' ? `${detail} (${code})` : detail;
  }
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/**
 * The gateway error for a Svix error response. The token is cut out of the provider's message in
 * case an error ever echoes the Authorization header back.
 */
export function svixError(provider: string, response: Response, body: unknown, token: string): GatewayError {
  const message = readSvixErrorMessage(body);
  return upstreamError(provider, response, message === undefined ? undefined : redactSecrets(message, [token]));
}

/** Svix answered, but outside its specification (a body we cannot read as the spec describes). */
export function svixContractViolation(provider: string, detail: string, cause?: unknown): GatewayError {
  return new GatewayError('upstream_contract_violation', {
    detail: `${provider}: ${detail}`,
    provider,
    retryable: false,
    cause,
  });
}

/** A Svix background task that ended `failed`; Svix says nothing about why, so neither can we. */
export function svixTaskFailed(provider: string, taskId: string): GatewayError {
  return new GatewayError('upstream_task_failed', {
    detail: `${provider}: background task ${taskId} failed`,
    provider,
    retryable: false,
  });
}

/**
 * A call that failed outside an HTTP answer. `createUpstreamFetch` already turned timeouts and
 * outages into gateway errors; openapi-fetch parses the body itself, so a success body that is not
 * JSON surfaces here.
 */
export function svixTransportError(provider: string, error: unknown): unknown {
  if (error instanceof SyntaxError) return svixContractViolation(provider, 'answered with a body that is not JSON', error);
  return error;
}
