/**
 * The inbound rate limit (`rateLimit.requestsPerMinute`): a fixed one-minute window per gateway
 * key (per client address when the gateway has no keys), counted in the shared state so every
 * instance enforces one limit. Past it: 429 `rate_limited` with `Retry-After`. Every limited
 * response carries the IETF `RateLimit-Policy` and `RateLimit` fields
 * (draft-ietf-httpapi-ratelimit-headers). A counter store that cannot be reached lets the request
 * through (fail open) and reports it.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors';
import type { GatewayEvents } from '../events';
import type { RateLimitStore } from '../state/stores';
import { presentedKey } from './auth';

const WINDOW_MS = 60_000;
const POLICY = 'per-minute';

export interface RateLimitOptions {
  requestsPerMinute: number;
  store: RateLimitStore;
  /** With gateway keys, each key has its own limit; without, each client address. */
  byApiKey: boolean;
  events?: GatewayEvents | undefined;
}

/** The counter key of a request: a digest, so no gateway key is ever stored. */
function clientOf(req: Request, byApiKey: boolean): string {
  const key = byApiKey ? presentedKey(req.headers) : undefined;
  const identity = key !== undefined ? `key:${key}` : `address:${req.socket.remoteAddress ?? 'unknown'}`;
  return createHash('sha256').update(identity).digest('base64url').slice(0, 32);
}

export function rateLimit(options: RateLimitOptions) {
  const limit = options.requestsPerMinute;
  const policy = `"${POLICY}";q=${limit};w=${WINDOW_MS / 1000}`;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let counted: { count: number; resetMs: number };
    try {
      counted = await options.store.hit(clientOf(req, options.byApiKey), WINDOW_MS);
    } catch (error) {
      options.events?.emit('stateError', { store: 'rateLimits', failOpen: true, error });
      next();
      return;
    }
    const resetSeconds = Math.max(1, Math.ceil(counted.resetMs / 1000));
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit', `"${POLICY}";r=${Math.max(0, limit - counted.count)};t=${resetSeconds}`);
    if (counted.count <= limit) {
      next();
      return;
    }
    options.events?.emit('rateLimited', { limit });
    next(new GatewayError('rate_limited', {
      detail: `More than ${limit} requests in a minute; try again in ${resetSeconds} s`,
      retryable: true,
      headers: { 'Retry-After': String(resetSeconds) },
    }));
  };
}
