/** Flexprice error answers, read leniently, as the gateway's upstream error family. */
import type { GatewayError } from '../../errors';
import { redactSecrets, upstreamError } from '../upstream';

const MAX_MESSAGE = 500;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `details` as `key: value` pairs, e.g. `(aggregation_type: FOO)`. */
function describeDetails(details: unknown): string | undefined {
  if (!isRecord(details)) return undefined;
  const pairs = Object.entries(details).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return pairs.length > 0 ? `(${pairs.join(', ')})` : undefined;
}

/**
 * The provider's own words from any body Flexprice sends:
 * - the flat `errors.ErrorResponse` `{code, message, http_status_code, details}` (since 2026-04);
 * - the older `{success: false, error: {message, internal_error, details}}`;
 * - the auth middleware's `{error: "Unauthorized"}` or `{error, message}`;
 * - gin's plain text (`404 page not found`), which arrives as a string.
 */
export function readFlexpriceErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return text(body);
  if (!isRecord(body)) return undefined;
  const nested = isRecord(body.error) ? body.error : undefined;
  const label = text(body.error);
  const message = text(body.message) ?? text(nested?.message);
  const details = describeDetails(body.details ?? nested?.details);
  const said = [label && message ? `${label}: ${message}` : (message ?? label), details].filter(Boolean).join(' ');
  return said === '' ? undefined : said;
}

/**
 * The gateway error for a non-2xx answer. The API key is cut from whatever the provider said, in
 * case an error body ever echoes the request.
 */
export function flexpriceError(provider: string, response: Response, body: unknown, apiKey: string): GatewayError {
  let message = readFlexpriceErrorMessage(body);
  if (message !== undefined) message = redactSecrets(message, [apiKey]);
  if (message !== undefined && message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  return upstreamError(provider, response, message);
}
