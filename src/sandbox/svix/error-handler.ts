/**
 * The simulator's last middleware: every failure becomes a Svix-shaped answer. Body-parser and
 * express-openapi-validator errors are translated (Svix reports unreadable JSON and schema misses
 * as 422); a response that breaks the spec (only checked with `validateResponses`) is a loud 500
 * naming the violation; anything unexpected is logged and answered as a masked 500.
 */
import type { ErrorRequestHandler } from 'express';
import { SvixSimulatorError, httpError, validationError } from './errors';
import { fromOpenApiViolations, jsonDecodeItem, type OpenApiViolation } from './validation-errors';

/** The subset of a pino logger the simulator uses. */
export interface SimulatorLogger {
  error(details: object, message: string): void;
}

interface ThirdPartyError {
  status?: number;
  type?: string;
  message?: string;
  errors?: OpenApiViolation[];
}

const FALLBACK_CODES: Record<number, string> = { 404: 'not_found', 405: 'method_not_allowed' };

function translate(error: unknown, bodyLimit: string): SvixSimulatorError | undefined {
  if (error instanceof SvixSimulatorError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type, message = '', errors } = error as ThirdPartyError;
  // body-parser marks its errors with a `type` such as `entity.parse.failed`.
  if (typeof type === 'string' && typeof status === 'number' && status < 500) {
    if (type === 'entity.too.large') return httpError(413, 'payload_too_large', `The request body is larger than ${bodyLimit}.`);
    return validationError([jsonDecodeItem(message)]);
  }
  if (!Array.isArray(errors) || typeof status !== 'number') return undefined;
  if (status === 400) return validationError(fromOpenApiViolations(errors));
  if (status === 415) return validationError([jsonDecodeItem('Expected request with `Content-Type: application/json`')]);
  if (status === 500) return httpError(500, 'server_error', `The simulator's response violates the Svix spec: ${message}`);
  // The route table answers 404 and 405 first; these stay as a net, with svix-server's default codes.
  return status > 400 && status < 500 ? httpError(status, FALLBACK_CODES[status] ?? 'generic_error', message) : undefined;
}

export function svixErrorHandler(options: { bodyLimit: string; logger?: SimulatorLogger }): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = translate(error, options.bodyLimit);
    if (!known || known.status >= 500) {
      options.logger?.error({ err: error, method: req.method, path: req.originalUrl }, 'svix simulator failure');
    }
    const answer = known ?? httpError(500, 'server_error', 'Internal Server Error');
    res.status(answer.status).json(answer.body);
  };
}
