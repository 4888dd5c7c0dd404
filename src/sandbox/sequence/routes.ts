/** The four simulated operations, each a thin call into the account (requests are already spec-valid). */
import { Router } from 'express';
import type { SequenceService } from './service';
import type { CalculateQuery, CreateUsageEventRequest, CreateUsageMetricRequest, ListMetricsQuery } from './types';

/** Routes at their full paths under `basePath` (the router is mounted at the app's root). */
export function createSequenceRoutes(basePath: string, service: SequenceService): Router {
  const routes = Router();
  routes.post(`${basePath}/usage-metrics`, (req, res) => {
    res.status(201).json(service.createMetric(req.body as CreateUsageMetricRequest));
  });
  routes.get(`${basePath}/usage-metrics`, (req, res) => {
    res.json(service.listMetrics(req.query as ListMetricsQuery));
  });
  routes.get(`${basePath}/usage-metrics/:usageMetricId/calculate`, (req, res) => {
    res.json(service.calculate(String(req.params['usageMetricId']), req.query as CalculateQuery));
  });
  routes.post(`${basePath}/usage-events`, (req, res) => {
    const [event] = service.ingestEvents([req.body as CreateUsageEventRequest]);
    res.status(201).json(event);
  });
  return routes;
}
