/**
 * Svix's two error bodies: `HttpErrorOut {code, detail}` for most statuses and
 * `HTTPValidationError {detail: ValidationError[]}` for 422. Default codes and details follow
 * svix-server's `HttpError` constructors (e.g. 401 `authentication_failed`, 404 `not_found`).
 */
import type { components } from '../../../generated/svix';

export type HttpErrorOut = components['schemas']['HttpErrorOut'];
export type HttpValidationError = components['schemas']['HTTPValidationError'];
export type ValidationErrorItem = components['schemas']['ValidationError'];

/** An error the simulator answers with: the HTTP status and the Svix-shaped body. */
export class SvixSimulatorError extends Error {
  readonly status: number;
  readonly body: HttpErrorOut | HttpValidationError;

  constructor(status: number, body: HttpErrorOut | HttpValidationError) {
    const summary = 'code' in body ? `${body.code}: ${body.detail}` : body.detail.map((item) => `${item.loc.join('.')}: ${item.msg}`).join('; ');
    super(`${status} ${summary}`);
    this.name = 'SvixSimulatorError';
    this.status = status;
    this.body = body;
  }
}

/** A 4xx/5xx with an `HttpErrorOut` body. */
export function httpError(status: number, code: string, detail: string): SvixSimulatorError {
  return new SvixSimulatorError(status, { code, detail });
}

/** A 422 with one or more validation items. */
export function validationError(items: ValidationErrorItem[]): SvixSimulatorError {
  return new SvixSimulatorError(422, { detail: items });
}

/** A 422 about one body field; `type` is `value_error` for rule violations, as svix-server writes it. */
export function fieldError(loc: string[], msg: string, type = 'value_error'): SvixSimulatorError {
  return validationError([{ loc, msg, type }]);
}

/** Svix's 404 for an unknown entity. */
export function notFound(detail = 'Entity not found'): SvixSimulatorError {
  return httpError(404, 'not_found', detail);
}
