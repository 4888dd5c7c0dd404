/**
 * Makes the one scope of each request (src/request-scope.ts), `req.scope`: its trace context, its
 * logger (every line carries the request id and, with tracing on, the trace id) and the contract
 * warnings raised on its behalf, written as the `Warning` header just before the headers go out.
 * The handlers that call providers bind it to the signal their calls take.
 */
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { RequestScope } from '../request-scope';
import type { RequestTelemetry } from '../telemetry/request-telemetry';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's logger: a child with `requestId` (and `traceId`) bound. */
    log: Logger;
    /** The request's W3C trace id, when tracing is on. */
    traceId: string | undefined;
    /** What the request's provider calls carry (bound to their signal with bindScope). */
    scope: RequestScope;
  }
}

const scopeKey = Symbol('request scope');
type ScopedResponse = Response & { [scopeKey]?: RequestScope };

/**
 * Writes each request's contract warnings as its `Warning` header. Node calls writeHead for every
 * response, implicitly from the first write or end, with the headers still open, whatever wrote
 * the body. It is replaced once on the app's response prototype: a replacement set on each
 * response costs a closure and a property per request.
 */
export function writeScopeWarnings(app: Express): void {
  const response = app.response as ScopedResponse;
  const writeHead = response.writeHead as (...parameters: unknown[]) => Response;
  response.writeHead = function (this: ScopedResponse, ...args: unknown[]) {
    const warnings = this[scopeKey]?.warnings;
    if (warnings !== undefined && warnings.length > 0) {
      const existing = this.getHeader('Warning');
      this.setHeader('Warning', [existing, ...warnings].filter((value) => typeof value === 'string' && value !== '').join(', '));
    }
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

/** Runs after `requestId`, before anything that logs or calls a provider; `writeScopeWarnings` writes its warnings. */
export function requestScope(options: { logger: Logger; telemetry?: RequestTelemetry | undefined }): RequestHandler {
  const { logger, telemetry } = options;
  return (req: Request, res: Response, next: NextFunction): void => {
    const observed = telemetry?.begin(req, res);
    req.traceId = observed?.traceId;
    req.log = logger.child(req.traceId === undefined ? { requestId: req.requestId } : { requestId: req.requestId, traceId: req.traceId });
    const scope: RequestScope = { warnings: [], trace: observed?.context, logger: req.log };
    req.scope = scope;
    (res as ScopedResponse)[scopeKey] = scope;
    next();
  };
}
