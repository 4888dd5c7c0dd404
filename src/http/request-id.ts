/** Every request gets an id: the caller's `X-Request-Id` when it is safe to echo, a new one otherwise. */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const safeId = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

export function requestId(req: Request, res: Response, next: NextFunction): void {
  // Node joins repeated `X-Request-Id` headers with ", ", which the pattern refuses.
  const given = req.headers['x-request-id'];
  req.requestId = typeof given === 'string' && safeId.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}
