/**
 * Wraps a POST handler in Svix's idempotency: with an `idempotency-key` header, a stored 2xx answer
 * for the same (Authorization, key, URI) is replayed as is; otherwise the handler runs and a 2xx
 * answer is stored. Lookup, handling and storing run in one synchronous step after the body has been
 * read and checked, so two requests with one key cannot both start work.
 */
import type { Request, RequestHandler } from 'express';
import { idempotencyScope, type CachedResponse, type IdempotencyCache } from './idempotency';

/** A handler that computes its answer; thrown errors go to the error handler and are not cached. */
export type AnswerHandler = (req: Request) => CachedResponse;

export function idempotentHandler(cache: IdempotencyCache, handler: AnswerHandler): RequestHandler {
  return (req, res) => {
    const key = req.get('idempotency-key');
    const scope = key === undefined ? undefined : idempotencyScope(req.get('authorization') ?? '', key, req.originalUrl);
    const replay = scope === undefined ? undefined : cache.lookup(scope);
    if (replay) {
      res.status(replay.status).json(replay.body);
      return;
    }
    const answer = handler(req);
    // Only successes are kept, and for 12 hours from the first one: a replay does not extend it.
    if (scope !== undefined && answer.status >= 200 && answer.status < 300) cache.remember(scope, answer);
    res.status(answer.status).json(answer.body);
  };
}
