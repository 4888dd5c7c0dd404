/**
 * The simulator's express Router: version and auth guards, its own body parser, spec validation
 * against specs/sequence.yaml served at `basePath`, the routes, and Sequence-shaped errors.
 */
import express, { Router } from 'express';
import { sequenceErrorHandler, unknownRoute } from './http-errors';
import { basicAuthGuard, sequenceVersionGuard, type SequenceCredentials } from './http-guards';
import { createSequenceRoutes } from './routes';
import { sequenceSpecValidator } from './spec-validator';
import type { SequenceService } from './service';

/**
 * [INFERENCE] Sequence publishes no request size limit; usage events are single small objects,
 * so 1 MiB leaves ample room and bounds what one request can make the sandbox hold.
 */
export const SEQUENCE_BODY_LIMIT = '1mb';

/** What the router needs. */
export interface SequenceRouterOptions {
  basePath: string;
  credentials: SequenceCredentials;
  service: SequenceService;
  validateResponses: boolean;
  onError?: (error: unknown, req: express.Request) => void;
}

/**
 * A Router that answers every path under `basePath` and passes any other request on.
 * Sequence's rate limits (1,500 requests a minute per key, 12,000 for `POST /usage-events`) are
 * not simulated: the spec declares no 429, and the sandbox serves tests and demos.
 */
export function createSequenceRouter(options: SequenceRouterOptions): Router {
  const basePath = options.basePath.replace(/\/+$/, '');
  const inner = Router();
  inner.use(sequenceVersionGuard, basicAuthGuard(options.credentials));
  inner.use(express.json({ limit: SEQUENCE_BODY_LIMIT }));
  inner.use(sequenceSpecValidator(basePath, options.validateResponses));
  inner.use(createSequenceRoutes(basePath, options.service));
  inner.use(unknownRoute);
  inner.use(sequenceErrorHandler(SEQUENCE_BODY_LIMIT, options.onError));

  const router = Router();
  router.use((req, res, next) => {
    if (req.path === basePath || req.path.startsWith(`${basePath}/`)) inner(req, res, next);
    else next();
  });
  return router;
}
