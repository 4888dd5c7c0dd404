/**
 * Flexprice's error bodies. Handler and repository errors are `errors.ErrorResponse`
 * `{code, message, http_status_code, details?}` (the flat format the server has used since
 * 2026-04-05); the auth middleware answers `{error}` instead.
 */
import type { components } from '../../../generated/flexprice';

/** The body of Flexprice's handler and repository errors. */
export type FlexpriceErrorResponse = components['schemas']['errors.ErrorResponse'];
/** The error codes the spec allows in that body. */
export type FlexpriceErrorCode = NonNullable<FlexpriceErrorResponse['code']>;
/** The body of the auth middleware's errors. */
export type FlexpriceAuthError = components['schemas']['AuthError'];

/** The hint Flexprice gives when `POST /events/usage` fails to bind or its time range is reversed. */
export const usageBindMessage = 'Please check the request payload';
/** The hint Flexprice gives when an ingest body fails to bind. */
export const ingestBindMessage = 'Invalid request payload';

/** An error the simulator answers with: the HTTP status and the Flexprice-shaped body. */
export class FlexpriceSimulatorError extends Error {
  readonly status: number;
  readonly body: FlexpriceErrorResponse | FlexpriceAuthError;

  constructor(status: number, body: FlexpriceErrorResponse | FlexpriceAuthError) {
    super('error' in body ? `${status} ${body.error}` : `${status} ${body.code}: ${body.message}`);
    this.name = 'FlexpriceSimulatorError';
    this.status = status;
    this.body = body;
  }
}

/** An `ErrorResponse`; `details` is left out when empty, as the server's `omitempty` does. */
export function flexpriceError(
  status: number,
  code: FlexpriceErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FlexpriceSimulatorError {
  const body: FlexpriceErrorResponse = { code, message, http_status_code: status };
  if (details && Object.keys(details).length > 0) body.details = details;
  return new FlexpriceSimulatorError(status, body);
}

/** A 400 `validation_error`: the server marks every input problem with `ErrValidation`. */
export function validationError(message: string, details?: Record<string, unknown>): FlexpriceSimulatorError {
  return flexpriceError(400, 'validation_error', message, details);
}

/** The auth middleware's 401; an unknown key falls through to the JWT check, hence not "invalid key". */
export function unauthorized(error = 'Unauthorized'): FlexpriceSimulatorError {
  return new FlexpriceSimulatorError(401, { error });
}

/**
 * The simulator's own limit: real Flexprice has no event cap. It answers like Flexprice refuses an
 * operation in the current state (`invalid_operation`, 400), the closest status its spec allows.
 */
export function storeFull(maxEvents: number, stored: number, incoming: number): FlexpriceSimulatorError {
  return flexpriceError(
    400,
    'invalid_operation',
    `The sandbox event store is full: it holds at most ${maxEvents} events`,
    { max_events: maxEvents, stored_events: stored, incoming_events: incoming },
  );
}
