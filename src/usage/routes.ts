/** The unified API's routes. Requests arrive already validated against specs/usage-api.yaml. */
import { Router, type Request, type Response } from 'express';
import { bindScope } from '../request-scope';
import type { UsageQuery } from './model';
import { cacheStatus } from './query-cache';
import type { UsageResult, UsageService } from './service';

/** Aborts upstream work when the caller goes away before the answer; carries the request's scope. */
function callerSignal(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  bindScope(controller.signal, { request: req.scope });
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the caller closed the connection'));
  });
  return controller.signal;
}

/** `Cache-Control: no-cache` (RFC 9111 §5.2.1.4): the caller wants the provider asked again. */
function wantsRefresh(req: Request): boolean {
  const header = req.get('cache-control');
  return header !== undefined && /(^|,)\s*no-cache\s*(,|$)/i.test(header);
}

function send(res: Response, result: UsageResult): void {
  if (result.cache) {
    res.setHeader('Cache-Status', cacheStatus(result.cache));
    if (result.cache.kind === 'hit') res.setHeader('Age', String(result.cache.ageSeconds));
  }
  if (result.kind === 'complete') {
    res.status(200).json(result.report);
    return;
  }
  res.status(202).location(`/v1/usage/tasks/${result.task.taskId}`).json(result.task);
}

export function usageRoutes(service: UsageService): Router {
  const router = Router();

  router.post('/v1/usage/query', async (req, res) => {
    const result = await service.query(req.body as UsageQuery, {
      signal: callerSignal(req, res),
      idempotencyKey: req.get('idempotency-key'),
      refresh: wantsRefresh(req),
    });
    send(res, result);
  });

  router.get('/v1/usage/tasks/:taskId', async (req, res) => {
    send(res, await service.getTask(String(req.params.taskId), { signal: callerSignal(req, res) }));
  });

  router.get('/v1/providers', (_req, res) => {
    res.json({ providers: service.listProviders() });
  });

  router.get('/v1/providers/:providerId', (req, res) => {
    res.json(service.getProvider(String(req.params.providerId)));
  });

  return router;
}
