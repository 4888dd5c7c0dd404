/**
 * Sequence's error bodies, read leniently: normally `{"error":{"type","message","errors?"}}`,
 * on some endpoints `{"errors":[{"key","error"}]}`, and sometimes nothing at all.
 */
import type { GatewayError } from '../../errors';
import { redactSecrets, upstreamError } from '../upstream';
import { sequenceContractViolation } from './response';

const MAX_MESSAGE = 300;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function itemMessages(items: unknown, messageField: 'message' | 'error'): string[] {
  if (!Array.isArray(items)) return [];
  return items.filter(isRecord).flatMap((item) => {
    const message = text(item[messageField]);
    if (message === undefined) return [];
    const key = text(item.key);
    return [key === undefined ? message : `${key}: ${message}`];
  });
}

/** What Sequence said, from any of its error shapes or a plain-text body; undefined if nothing. */
export function sequenceErrorMessage(body: unknown): string | undefined {
  let message: string | undefined;
  if (typeof body === 'string') {
    message = text(body.replace(/\s+/g, ' '));
  } else if (isRecord(body) && isRecord(body.error)) {
    const { type, message: said, errors } = body.error;
    const head = [text(type), text(said)].filter((part) => part !== undefined).join(': ');
    const details = itemMessages(errors, 'message');
    message = text(details.length > 0 ? `${head} (${details.join('; ')})` : head);
  } else if (isRecord(body)) {
    message = text(itemMessages(body.errors, 'error').join('; '));
  }
  return message !== undefined && message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

/** The gateway error for a Sequence error response, carrying Sequence's own words. */
export function toSequenceError(provider: string, response: Response, body: unknown, secrets: readonly string[]): GatewayError {
  const message = sequenceErrorMessage(body);
  return upstreamError(provider, response, message === undefined ? undefined : redactSecrets(message, secrets));
}

/**
 * A call that failed outside an HTTP answer. `createUpstreamFetch` already turned timeouts and
 * outages into gateway errors; what is left is a success body that is not JSON.
 */
export function toSequenceCallFailure(provider: string, error: unknown): unknown {
  if (error instanceof SyntaxError) return sequenceContractViolation(provider, 'the body is not JSON', error);
  return error;
}
