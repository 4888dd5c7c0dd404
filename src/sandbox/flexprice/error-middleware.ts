/**
 * Every failure as Flexprice's error middleware answers it: `FlexpriceSimulatorError`s as they are,
 * body and schema failures as the route's bind error (naming each field), anything else as a 500
 * `internal_error` with nothing internal in it.
 */
import type { Response } from 'express';
import { flexpriceError, FlexpriceSimulatorError, validationError } from './errors';
import { fieldName, violationDetails } from './schema-check';

interface ValidatorError {
  status: number;
  errors: Array<{ path: string; message: string }>;
}

function isValidatorError(error: unknown): error is ValidatorError {
  return error instanceof Error && typeof (error as Partial<ValidatorError>).status === 'number'
    && Array.isArray((error as Partial<ValidatorError>).errors);
}

/** body-parser marks its errors with a `type` such as `entity.parse.failed`. */
function bodyProblem(error: unknown): string | undefined {
  const type: unknown = error instanceof Error ? (error as Error & { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return 'is not valid JSON';
    case 'entity.too.large':
      return 'is larger than 32 MiB';
    default:
      return 'could not be read';
  }
}

function toSimulatorError(error: unknown, bindMessage: string): FlexpriceSimulatorError {
  if (error instanceof FlexpriceSimulatorError) return error;
  const problem = bodyProblem(error);
  if (problem) return validationError(bindMessage, { body: problem });
  if (isValidatorError(error) && error.status < 500) {
    const violations = error.errors.map(({ path, message }) => ({
      field: fieldName('', path.replace(/^\/body(?=\/|$)/, '')),
      message,
    }));
    return validationError(bindMessage, violationDetails(violations));
  }
  if (isValidatorError(error)) {
    // Only with validateResponses: our own answer broke the spec. Loud on purpose, for tests.
    return flexpriceError(500, 'internal_error', 'The simulator answered outside the Flexprice spec', {
      response: error.errors.map(({ path, message }) => `${path} ${message}`).join('; '),
    });
  }
  return flexpriceError(500, 'internal_error', 'An internal error occurred');
}

/** Answers `error` in Flexprice's shape; 5xx causes go to `onError` (a logger) in full. */
export function answerError(
  res: Response,
  error: unknown,
  bindMessage: string,
  onError: ((error: unknown) => void) | undefined,
): void {
  const answer = toSimulatorError(error, bindMessage);
  if (answer.status >= 500) onError?.(error);
  res.status(answer.status).json(answer.body);
}
