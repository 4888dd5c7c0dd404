/** The refusal when shared state that must hold (a task, an idempotency key) cannot be reached. */
import { GatewayError } from '../errors';

export function stateUnavailable(what: string, cause: unknown): GatewayError {
  return new GatewayError('state_unavailable', {
    detail: `The gateway cannot store or read ${what} right now (shared state unreachable); try again shortly`,
    retryable: true,
    headers: { 'Retry-After': '1' },
    cause,
  });
}
