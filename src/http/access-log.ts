/** One log line per request: method, path, status, duration, request id. Never headers or bodies (they carry keys). */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId: req.requestId, method: req.method, path: req.path, status: res.statusCode, durationMs }, 'request');
    });
    next();
  };
}
