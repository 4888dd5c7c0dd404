/**
 * The one error handler, last in the chain: GatewayError → its problem; validator and body-parser
 * errors → 4xx naming each violation; anything else → logged in full, answered as a masked 500.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { GatewayError, type ErrorCode, type Violation } from '../errors';

interface ValidatorError {
  status?: number;
  type?: string;
  message?: string;
  errors?: { path?: string; message?: string }[];
  /** Set by the body parser on a body over its limit. */
  limit?: number;
  /** Set by the validator: `Allow` on a 405. */
  headers?: Record<string, string>;
}

const validatorCodes: Record<number, ErrorCode> = {
  400: 'validation_failed',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * Paths from express-openapi-validator look like `/body/to`, `.body.to` or `/params/taskId`; answer
 * JSON Pointers with the location named as in OpenAPI (`/path/taskId`).
 */
function toPointer(path: string | undefined): string {
  if (!path) return '';
  const pointer = path.startsWith('/') ? path : `/${path.replace(/^\./, '').replace(/\./g, '/')}`;
  return pointer.replace(/^\/params\//, '/path/');
}

/** Maps errors thrown before a handler ran (body parser, validator) to gateway errors. */
export function toGatewayError(error: unknown, req: Request): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  const candidate = error as ValidatorError;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.status !== 'number') return undefined;
  if (candidate.type === 'entity.parse.failed') {
    return new GatewayError('malformed_json', { detail: 'The body is not valid JSON', errors: [{ path: '/body', message: 'is not valid JSON' }] });
  }
  if (candidate.type === 'entity.too.large' || candidate.status === 413) {
    const limit = typeof candidate.limit === 'number' ? `the ${candidate.limit}-byte limit of this route` : 'the size limit of this route';
    return new GatewayError('payload_too_large', { detail: `The body exceeds ${limit}`, errors: [{ path: '/body', message: `exceeds ${limit}` }] });
  }
  const code = validatorCodes[candidate.status];
  if (!code) return undefined;
  if (code === 'route_not_found') {
    return new GatewayError(code, { detail: `No route ${req.method} ${req.path}`, errors: [] });
  }
  const errors: Violation[] = (candidate.errors ?? []).map((item) => ({
    path: toPointer(item.path),
    message: item.message ?? 'is invalid',
  }));
  const detail = errors.length > 0 ? errors.map((item) => `${item.path}: ${item.message}`).join('; ') : candidate.message ?? 'Invalid request';
  // A 405 names the methods the path takes (RFC 9110 §15.5.6).
  const allow = code === 'method_not_allowed' ? candidate.headers?.Allow : undefined;
  return new GatewayError(code, { detail, errors, headers: allow ? { Allow: allow } : {} });
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    // The request's logger binds its request id and trace id; an error before it was made has neither.
    const requestLogger = req.log ?? logger.child({ requestId: req.requestId });
    const gatewayError =
      toGatewayError(error, req) ??
      new GatewayError('internal_error', { detail: 'The gateway failed to answer; the request id identifies the failure in its logs', cause: error });
    if (gatewayError.code === 'internal_error') {
      requestLogger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    } else if (gatewayError.status >= 500) {
      requestLogger.warn({ code: gatewayError.code, provider: gatewayError.provider, upstreamStatus: gatewayError.upstreamStatus }, gatewayError.detail);
    }
    for (const [name, value] of Object.entries(gatewayError.headers)) res.setHeader(name, value);
    res.status(gatewayError.status).type('application/problem+json').json(gatewayError.toProblem(req.requestId, req.traceId));
  };
}
