/**
 * Per request: the server span (continuing a caller's W3C `traceparent`), the in-flight gauge, and
 * once the response is done the request counter and duration histogram, labelled by route template.
 */
import { SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { Request, Response } from 'express';
import type { GatewayMetrics } from './metrics';
import { routeLabel, type RoutePrefix } from './route-label';
import type { GatewayTracing } from './tracing';

/** What the HTTP layer learns about a request it starts observing. */
export interface ObservedRequest {
  /** The request's trace id (the caller's when it sent `traceparent`). */
  traceId: string | undefined;
  /** The context of the request's server span: provider calls are its children. */
  context: Context | undefined;
}

export interface RequestTelemetry {
  /** Starts observing a request; metrics and span are finished when the response closes. */
  begin(req: Request, res: Response): ObservedRequest;
}

/**
 * A request the caller abandoned before its answer was written is counted with status 499 (the
 * "client closed request" convention of nginx), so it is neither lost nor taken for a success.
 */
const closedByCaller = 499;

export function createRequestTelemetry(options: {
  metrics?: GatewayMetrics | undefined;
  tracing?: GatewayTracing | undefined;
  /** Fixed route labels by path prefix (the sandbox simulators). */
  prefixes?: readonly RoutePrefix[];
}): RequestTelemetry {
  const { metrics, tracing } = options;
  const prefixes = options.prefixes ?? [];
  return {
    begin(req, res) {
      const started = performance.now();
      metrics?.inFlight(1);
      const parent = tracing?.extract(req.headers);
      const span = parent && tracing?.startSpan(req.method, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path },
      }, parent);
      res.once('close', () => {
        const route = routeLabel(req, res, prefixes);
        const status = res.writableFinished ? res.statusCode : closedByCaller;
        if (metrics) {
          metrics.inFlight(-1);
          metrics.httpRequest({ method: req.method, route, status }, (performance.now() - started) / 1000);
        }
        if (span) {
          span.updateName(`${req.method} ${route}`);
          span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
      });
      return {
        traceId: span?.spanContext().traceId,
        context: parent && span ? trace.setSpan(parent, span) : undefined,
      };
    },
  };
}
