/**
 * Sequence's error body, `{"error": {"type", "message", "errors?"}}` (the `ApiError` schema of its
 * published spec), raised by the simulator's services and sent as-is by its HTTP layer.
 */
import type { ApiError, ErrorItem } from './types';

/** An error the simulator answers in Sequence's own shape, thrown by HTTP handlers and seeding alike. */
export class SequenceApiError extends Error {
  override readonly name = 'SequenceApiError';

  constructor(
    /** The HTTP status Sequence would answer with. */
    readonly status: number,
    /** Sequence's `error.type`, e.g. `validationError` or `UnrecognisedApiVersion`. */
    readonly type: string,
    message: string,
    /** One item per violation, each naming the offending key. */
    readonly errors?: ErrorItem[],
  ) {
    super(message);
  }

  /** The response body. */
  toBody(): ApiError {
    return { error: { type: this.type, message: this.message, ...(this.errors ? { errors: this.errors } : {}) } };
  }
}

/** A validation item in the shape of Sequence's spec example (`code` repeats the error type there). */
export function violation(key: string, message: string): ErrorItem {
  return { code: 'validationError', message, key };
}

/** 400 `validationError` with one item per violation, like Sequence's "Request data validation failed". */
export function validationError(items: ErrorItem[]): SequenceApiError {
  return new SequenceApiError(400, 'validationError', 'Request data validation failed', items);
}

/** 404 for an id that names nothing. */
export function notFound(message: string): SequenceApiError {
  return new SequenceApiError(404, 'NotFound', message);
}
