/** `GET /metrics`: the Prometheus text exposition of the gateway's registry. */
import type { NextFunction, Request, Response } from 'express';
import type { GatewayMetrics } from './metrics';

export function metricsHandler(metrics: GatewayMetrics) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { contentType, body } = await metrics.scrape();
      res.status(200).type(contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}
