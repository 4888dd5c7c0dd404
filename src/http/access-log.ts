/**
 * One log line per request: method, path, status, duration, and through the request's logger its
 * request id and trace id. Never headers or bodies (they carry keys). At a level that drops the
 * line (warn, silent), no timing is taken.
 */
import type { NextFunction, Request, Response } from 'express';

export function accessLog() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.log.isLevelEnabled('info')) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
        req.log.info({ method: req.method, path: req.path, status: res.statusCode, durationMs }, 'request');
      });
    }
    next();
  };
}
