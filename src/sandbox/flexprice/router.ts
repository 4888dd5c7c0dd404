/**
 * The HTTP face of the simulator, ordered like Flexprice's gin stack: request id, routing (gin's
 * plain-text 404 before any middleware), API-key auth, the JSON bind (here: body parser and
 * express-openapi-validator against specs/flexprice.yaml), the handler, the error middleware.
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { specServedAt } from '../../specs';
import { createApiKeyCheck } from './auth';
import { ingestBindMessage, usageBindMessage } from './errors';
import { answerError } from './error-middleware';
import { normalizeUsageBody } from './usage-plan';

/** The handlers of the three operations, called with a spec-valid body. */
export interface FlexpriceHandlers {
  readonly usage: RequestHandler;
  readonly ingest: RequestHandler;
  readonly bulk: RequestHandler;
}

/** What the router needs: where it lives, whom it lets in, what answers, and where 5xx causes go. */
export interface FlexpriceRouterOptions {
  readonly basePath: string;
  readonly apiKeys: readonly string[];
  readonly validateResponses: boolean;
  readonly handlers: FlexpriceHandlers;
  readonly onError: ((error: unknown, req: Request) => void) | undefined;
}

interface Route {
  readonly handler: RequestHandler;
  /** The hint Flexprice answers a bind failure of this route with. */
  readonly bindMessage: string;
}

// Ingest reads at most 32 MiB; usage has no limit upstream, and the same bound keeps ours finite.
const bodyLimit = '32mb';

/** A router to mount at the application root; it answers every path under `basePath` and no other. */
export function createFlexpriceRouter(options: FlexpriceRouterOptions): Router {
  const { basePath, handlers } = options;
  const routes = new Map<string, Route>([
    [`${basePath}/events/usage`, { handler: handlers.usage, bindMessage: usageBindMessage }],
    [`${basePath}/events`, { handler: handlers.ingest, bindMessage: ingestBindMessage }],
    [`${basePath}/events/bulk`, { handler: handlers.bulk, bindMessage: ingestBindMessage }],
  ]);
  const usagePath = `${basePath}/events/usage`;
  const checkApiKey = createApiKeyCheck(options.apiKeys);
  const routeOf = (res: Response): Route | undefined => res.locals.flexpriceRoute as Route | undefined;

  const scoped = express.Router();
  scoped.use((req, res, next) => {
    res.setHeader('X-Request-ID', randomUUID());
    const route = req.method === 'POST' ? routes.get(req.path) : undefined;
    if (route) {
      res.locals.flexpriceRoute = route;
      next();
      return;
    }
    // gin's RedirectTrailingSlash: 307 for a POST to a known route spelled with a trailing slash.
    if (req.method === 'POST' && req.path.endsWith('/') && routes.has(req.path.slice(0, -1))) {
      res.status(307).location(req.originalUrl.replace(/\/(\?|$)/, '$1')).end();
      return;
    }
    res.status(404).setHeader('Content-Type', 'text/plain');
    res.end('404 page not found');
  });
  scoped.use((req, _res, next) => next(checkApiKey(req.headers)));
  scoped.use((req, _res, next) => {
    // gin decodes the body as JSON whatever the Content-Type says.
    req.headers['content-type'] = 'application/json';
    next();
  });
  // Not strict: a JSON `3` or `null` body reaches the validator, which names the problem.
  scoped.use(express.json({ limit: bodyLimit, type: () => true, strict: false }));
  scoped.use((req, _res, next) => {
    // ToUsageParams upper-cases the type, so `sum` is SUM; the spec's enum then sees the result.
    if (req.path === usagePath) req.body = normalizeUsageBody(req.body);
    next();
  });
  scoped.use(OpenApiValidator.middleware({
    apiSpec: specServedAt('flexprice', basePath) as never,
    // gin ignores query parameters it does not bind.
    validateRequests: { allErrors: true, allowUnknownQueryParameters: true },
    validateResponses: options.validateResponses,
    validateSecurity: false,
    // specs/ are linted (`npm run lint`); checking the document again on every start costs ~150 ms.
    validateApiSpec: false,
  }));
  scoped.use((req: Request, res: Response, next: NextFunction) => routeOf(res)?.handler(req, res, next));
  scoped.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { onError } = options;
    answerError(res, error, routeOf(res)?.bindMessage ?? usageBindMessage, onError && ((cause) => onError(cause, req)));
  });

  const router = express.Router();
  router.use((req, res, next) => {
    if (req.path === basePath || req.path.startsWith(`${basePath}/`)) scoped(req, res, next);
    else next();
  });
  return router;
}
