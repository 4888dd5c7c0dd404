/**
 * The simulator's HTTP surface, mounted by the gateway at its root: it answers only under
 * `basePath` and lets every other request through. Order matters and follows Svix's server:
 * route lookup (404/405), then credentials (401), then the body (2 MiB, then the spec), then the
 * handler. Sandbox-only routes are checked with zod instead of the spec, which does not have them.
 */
import express, { type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { specServedAt } from '../../specs';
import { aggregateAppStats } from './app-stats';
import { bearerAuth } from './auth';
import { svixErrorHandler, type SimulatorLogger } from './error-handler';
import { httpError, notFound, validationError } from './errors';
import type { IdempotencyCache } from './idempotency';
import { idempotentHandler } from './idempotent-handler';
import { createSandboxApp, recordSandboxAttempts, toSandboxAppOut } from './ingest';
import { SANDBOX_ROUTES, matchRoute, routeTable } from './routes';
import type { SvixStore } from './store';
import type { TaskStore } from './tasks';
import { jsonDecodeItem } from './validation-errors';

/** svix-server is built on axum, whose default request-body limit is 2 MiB; Svix documents no other. */
export const SVIX_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface SvixRouterParts {
  basePath: string;
  tokens: readonly string[];
  validateResponses: boolean;
  now: () => number;
  store: SvixStore;
  tasks: TaskStore;
  idempotency: IdempotencyCache;
  logger?: SimulatorLogger;
}

export function createSvixRouter(parts: SvixRouterParts): Router {
  const spec = specServedAt('svix', parts.basePath);
  const routes = routeTable(spec);
  const inner = express.Router();

  inner.use((req, res, next) => {
    const match = matchRoute(routes, req.method, req.path);
    if (match === 'found') return next();
    if (match === 'missing') return next(notFound(`No route for ${req.method} ${req.baseUrl}${req.path}`));
    res.set('Allow', match.allowed.join(', '));
    next(httpError(405, 'method_not_allowed', `${req.method} is not allowed here; use ${match.allowed.join(' or ')}.`));
  });
  inner.use(bearerAuth(parts.tokens));
  inner.use(express.json({ limit: SVIX_BODY_LIMIT_BYTES }));

  inner.use('/sandbox', (req, _res, next) => {
    // A body that is not JSON would otherwise reach the handler as "no body" and be read as `{}`.
    const notJson = req.is('application/json') === false && req.get('content-length') !== '0';
    next(notJson ? validationError([jsonDecodeItem('Expected request with `Content-Type: application/json`')]) : undefined);
  });
  inner.get(SANDBOX_ROUTES.apps, (_req, res) => {
    res.json({ data: parts.store.listApps().map(toSandboxAppOut) });
  });
  inner.post(
    SANDBOX_ROUTES.apps,
    idempotentHandler(parts.idempotency, (req) => ({ status: 201, body: createSandboxApp(parts.store, req.body) })),
  );
  inner.post(
    SANDBOX_ROUTES.messageAttempts,
    idempotentHandler(parts.idempotency, (req) => ({ status: 202, body: recordSandboxAttempts(parts.store, parts.now, req.body) })),
  );

  inner.use(
    OpenApiValidator.middleware({
      apiSpec: spec as never, // the validator's own document type; specServedAt returns the same object
      validateRequests: { allowUnknownQueryParameters: true }, // serde ignores unknown query parameters
      validateResponses: parts.validateResponses,
      validateSecurity: false, // bearerAuth above answers 401 in Svix's shape
    }),
  );
  inner.post(
    '/api/v1/stats/usage/app',
    idempotentHandler(parts.idempotency, (req) => ({ status: 202, body: aggregateAppStats(parts.store, parts.tasks, req.body) })),
  );
  inner.get('/api/v1/background-task/:taskId', (req, res) => {
    const task = parts.tasks.read(req.params.taskId);
    if (!task) throw notFound(`No background task with the ID \`${req.params.taskId}\`.`);
    res.json(task);
  });
  inner.use(svixErrorHandler({ bodyLimit: `${SVIX_BODY_LIMIT_BYTES / 1024 / 1024} MiB`, logger: parts.logger }));

  const router = express.Router();
  router.use(parts.basePath, inner);
  return router;
}
