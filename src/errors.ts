import type { components } from '../generated/usage-api';

export type ErrorCode = components['schemas']['ErrorCode'];
export type Violation = components['schemas']['Violation'];
export type Problem = components['schemas']['Problem'];

/** Every error code has exactly one HTTP status; a new code cannot exist without this decision. */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  route_not_found: 404,
  method_not_allowed: 405,
  provider_not_found: 404,
  task_not_found: 404,
  limit_exceeded: 422,
  idempotency_conflict: 422,
  unsupported_by_provider: 422,
  upstream_invalid_request: 422,
  upstream_not_found: 404,
  // The provider refused *our* credentials: the caller can do nothing about it.
  upstream_auth_failed: 502,
  upstream_rate_limited: 503,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  upstream_task_failed: 502,
  upstream_contract_violation: 502,
  rate_limited: 429,
  // Shared state (Redis) could not store a task or an idempotency key: try again shortly.
  state_unavailable: 503,
  internal_error: 500,
};

const titles: Record<ErrorCode, string> = {
  validation_failed: 'The request is invalid',
  malformed_json: 'The body is not valid JSON',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'Unsupported media type',
  unauthorized: 'A valid gateway API key is required',
  route_not_found: 'No such route',
  method_not_allowed: 'Method not allowed',
  provider_not_found: 'No such provider',
  task_not_found: 'No such task',
  limit_exceeded: 'A gateway limit was exceeded',
  idempotency_conflict: 'The idempotency key was used for another query',
  unsupported_by_provider: 'The provider cannot answer this query',
  upstream_invalid_request: 'The provider rejected the query',
  upstream_not_found: 'The provider does not know this resource',
  upstream_auth_failed: "The provider refused the gateway's credentials",
  upstream_rate_limited: 'The provider is rate limiting the gateway',
  upstream_error: 'The provider failed',
  upstream_unavailable: 'The provider cannot be reached',
  upstream_timeout: 'The provider did not answer in time',
  upstream_task_failed: "The provider's background task failed",
  upstream_contract_violation: 'The provider answered outside its specification',
  rate_limited: 'Too many requests',
  state_unavailable: "The gateway's shared state is unavailable",
  internal_error: 'Internal error',
};

export interface GatewayErrorOptions {
  detail: string;
  errors?: Violation[];
  provider?: string;
  upstreamStatus?: number;
  retryable?: boolean;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type the gateway answers with; the error handler turns it into problem+json. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly errors: Violation[];
  readonly provider: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly retryable: boolean | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: GatewayErrorOptions) {
    super(options.detail, { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = errorStatus[code];
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
    this.retryable = options.retryable;
    this.headers = options.headers ?? {};
  }

  /** The RFC 9457 body for this error. */
  toProblem(requestId: string, traceId?: string): Problem {
    const problem: Problem = {
      type: `https://usage-gateway.dev/problems/${this.code.replace(/_/g, '-')}`,
      title: titles[this.code],
      status: this.status,
      detail: this.detail,
      code: this.code,
      errors: this.errors,
      requestId,
    };
    if (this.provider !== undefined) problem.provider = this.provider;
    if (this.upstreamStatus !== undefined) problem.upstreamStatus = this.upstreamStatus;
    if (this.retryable !== undefined) problem.retryable = this.retryable;
    if (traceId !== undefined) problem.traceId = traceId;
    return problem;
  }
}

/** A request refused for its violations, each naming its field: 400 `validation_failed`. */
export function invalidRequest(violations: Violation[]): GatewayError {
  return new GatewayError('validation_failed', {
    detail: violations.map((violation) => `${violation.path}: ${violation.message}`).join('; '),
    errors: violations,
  });
}

/** A query a provider cannot honour, naming the field and what the provider supports. */
export function unsupported(provider: string, path: string, message: string): GatewayError {
  return new GatewayError('unsupported_by_provider', {
    detail: `${provider}: ${message}`,
    errors: [{ path, message }],
    provider,
  });
}
