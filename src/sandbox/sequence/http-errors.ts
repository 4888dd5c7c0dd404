/** Every failure of the simulator's HTTP layer, answered in Sequence's `ApiError` shape. */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { notFound, SequenceApiError, validationError, violation } from './api-error';
import { fromValidatorItem } from './violations';

interface ValidatorItem {
  path: string;
  message: string;
  errorCode?: string;
}

/** The errors express-openapi-validator and body-parser raise: a status, and items or a type. */
interface HttpLikeError {
  status?: number;
  type?: string;
  errors?: ValidatorItem[];
  message?: string;
}

const isHttpLike = (error: unknown): error is HttpLikeError =>
  typeof error === 'object' && error !== null && typeof (error as HttpLikeError).status === 'number';

const REQUEST_LOCATION = /^\/(body|query|headers|path)(\/|$)/;

function fromHttpError(error: HttpLikeError, method: string, path: string, bodyLimit: string): SequenceApiError | undefined {
  const items = error.errors ?? [];
  switch (error.type) {
    case 'entity.parse.failed':
      return validationError([violation('body', 'body is not valid JSON')]);
    case 'entity.too.large':
      return new SequenceApiError(413, 'PayloadTooLarge', `The body is larger than the ${bodyLimit} this API accepts`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new SequenceApiError(415, 'UnsupportedMediaType', 'Send the body as UTF-8 application/json');
  }
  switch (error.status) {
    case 400:
      if (items.length === 0) return validationError([violation('body', `The request could not be read: ${error.message ?? 'bad request'}`)]);
      return validationError(
        items.map((item) => (REQUEST_LOCATION.test(item.path) ? fromValidatorItem(item) : violation('path', `The request path is invalid: ${item.message}`))),
      );
    case 404:
      return notFound(`No route matches ${method} ${path}`);
    case 405:
      return new SequenceApiError(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`);
    case 413:
      return new SequenceApiError(413, 'PayloadTooLarge', `The body is larger than the ${bodyLimit} this API accepts`);
    case 415:
      return new SequenceApiError(415, 'UnsupportedMediaType', 'Send the body as application/json');
  }
  if (items.some((item) => item.path.startsWith('/response'))) {
    // Only with validateResponses (tests): the simulator broke its own spec, which must fail loudly.
    const details = items.map((item) => `${item.path} ${item.message}`).join('; ');
    return new SequenceApiError(500, 'ResponseValidationFailed', `The simulator's response violates specs/sequence.yaml: ${details}`);
  }
  return undefined;
}

/** Requests under the base path that no route took. */
export const unknownRoute: RequestHandler = (req) => {
  throw notFound(`No route matches ${req.method} ${req.path}`);
};

/** The last handler: known errors keep their status; anything else is reported and masked as a 500. */
export function sequenceErrorHandler(bodyLimit: string, onError?: (error: unknown, req: Request) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let answer = error instanceof SequenceApiError ? error : isHttpLike(error) ? fromHttpError(error, req.method, req.path, bodyLimit) : undefined;
    if (!answer || answer.status >= 500) onError?.(error, req);
    answer ??= new SequenceApiError(500, 'InternalServerError', 'An unexpected error occurred');
    res.status(answer.status).json(answer.toBody());
  };
}
