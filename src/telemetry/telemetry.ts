/**
 * Everything the gateway observes itself with, built once from the configuration: the Prometheus
 * metrics, the OpenTelemetry tracer, the per-request hook and the provider fetch wrapper.
 */
import type { MetricsSettings, TracingSettings } from '../config';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';
import { createRequestTelemetry, type RequestTelemetry } from './request-telemetry';
import type { RoutePrefix } from './route-label';
import { createTracing, type GatewayTracing } from './tracing';
import { createUpstreamInstrumentation, type UpstreamInstrumentation } from './upstream-fetch';

export interface Telemetry {
  /** Absent when `metrics.enabled` is false. */
  readonly metrics: GatewayMetrics | undefined;
  /** Absent when `tracing.enabled` is false. */
  readonly tracing: GatewayTracing | undefined;
  readonly request: RequestTelemetry;
  readonly upstream: UpstreamInstrumentation;
  /** Exports the spans still buffered. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  metrics: Pick<MetricsSettings, 'enabled'>;
  tracing: TracingSettings;
  /** Fixed route labels by path prefix (the sandbox simulators). */
  prefixes?: readonly RoutePrefix[];
}

/** The gateway's telemetry, or undefined when both metrics and tracing are turned off. */
export function createTelemetry(options: TelemetryOptions): Telemetry | undefined {
  if (!options.metrics.enabled && !options.tracing.enabled) return undefined;
  const metrics = options.metrics.enabled ? createGatewayMetrics() : undefined;
  const tracing = options.tracing.enabled ? createTracing(options.tracing) : undefined;
  return {
    metrics,
    tracing,
    request: createRequestTelemetry({ metrics, tracing, prefixes: options.prefixes }),
    upstream: createUpstreamInstrumentation({ metrics, tracing }),
    shutdown: async () => {
      await tracing?.shutdown();
    },
  };
}
