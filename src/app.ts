/**
 * createApp wires the Express application from its dependencies. It never listens: server.ts
 * does, and tests hand the app to supertest.
 */
import express, { type RequestHandler, type Router } from 'express';
import pino, { type Logger } from 'pino';
import { GatewayError } from './errors';
import { accessLog } from './http/access-log';
import { requireApiKey } from './http/auth';
import { errorHandler } from './http/error-handler';
import { requestId } from './http/request-id';
import { requestScope, writeScopeWarnings } from './http/request-scope';
import { unifiedValidator } from './http/unified-validator';
import { loadSpec } from './specs';
import { metricsHandler } from './telemetry/metrics-route';
import type { Telemetry } from './telemetry/telemetry';
import { usageRoutes } from './usage/routes';
import type { UsageService } from './usage/service';
import { webRoutes, type WebOptions } from './web';

export interface AppDependencies {
  service: UsageService;
  /** Largest accepted JSON body on /v1, in bytes; larger ones get 413. */
  maxBodyBytes: number;
  logger?: Logger;
  /** Validate every response against specs/usage-api.yaml (tests turn this on). */
  validateResponses?: boolean;
  /** Routers mounted before the unified API's parser and validator (the sandbox simulators). */
  mounts?: readonly Router[];
  /** Gateway API keys; when any is given, every /v1 route requires one. */
  apiKeys?: readonly string[];
  /**
   * The native passthrough (`/v1/native/{providerId}/...`, src/native/): after the API key check,
   * before the unified API's parser and validator; it answers `/v1/native` and below and passes
   * anything else on.
   */
  native?: RequestHandler;
  /** The pages (`/`, `/docs`): which native specs /docs lists, whether the explorer opens on demo data. */
  web?: WebOptions;
  /** The inbound rate limit (src/http/rate-limit.ts), applied to /v1 after the API key check. */
  rateLimit?: RequestHandler | undefined;
  /** Whether the gateway can serve now (`GET /readyz`); absent, always ready. */
  readiness?: (() => Promise<{ ready: true } | { ready: false; reason: string }>) | undefined;
  /** Metrics and tracing (src/telemetry/); without it requests are only logged. */
  telemetry?: Telemetry | undefined;
  /** Serve `GET /metrics` without a gateway key even when apiKeys are set. */
  publicMetrics?: boolean;
}

/** `/v1` and everything under it. */
const isApiPath = (path: string): boolean => /^\/v1(\/|$)/i.test(path);

export function createApp(dependencies: AppDependencies): express.Express {
  const logger = dependencies.logger ?? pino({ level: 'silent' });
  const spec = loadSpec('usage-api');
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  writeScopeWarnings(app);
  app.use(requestId);
  app.use(requestScope({ logger, telemetry: dependencies.telemetry?.request }));
  app.use(accessLog());
  // What lives outside /v1: `/metrics`, the sandbox simulators, the pages. A /v1 request can match
  // none of it, so it passes all of it at the cost of one test (Express matches paths case-insensitively).
  const outside = express.Router();
  const metrics = dependencies.telemetry?.metrics;
  if (metrics) {
    const guard = dependencies.publicMetrics ? [] : [requireApiKey(dependencies.apiKeys ?? [])];
    outside.get('/metrics', ...guard, metricsHandler(metrics));
  }
  for (const mount of dependencies.mounts ?? []) outside.use(mount);
  outside.use(webRoutes(dependencies.web ?? { nativeSpecs: [], demoData: false }));
  app.use((req, res, next) => {
    if (isApiPath(req.path)) next();
    else outside(req, res, next);
  });
  // Without keys the check lets everything through: it is left out.
  if (dependencies.apiKeys?.length) app.use('/v1', requireApiKey(dependencies.apiKeys));
  if (dependencies.rateLimit) app.use('/v1', dependencies.rateLimit);
  if (dependencies.native) app.use(dependencies.native);

  app.use(express.json({ limit: dependencies.maxBodyBytes, type: ['application/json', 'application/*+json'] }));
  app.use(unifiedValidator({ validateResponses: dependencies.validateResponses ?? false }));

  // The unified API's routes first: they are the ones asked most.
  app.use(usageRoutes(dependencies.service));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = dependencies.readiness ? await dependencies.readiness() : { ready: true as const };
    if (readiness.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  app.use((req, _res, next) => {
    next(new GatewayError('route_not_found', { detail: `No route ${req.method} ${req.path}` }));
  });
  app.use(errorHandler(logger));
  return app;
}
