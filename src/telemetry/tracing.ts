/**
 * OpenTelemetry tracing without auto-instrumentation: a tracer provider per gateway, W3C trace
 * context in and out, and an OTLP/HTTP exporter only when a collector is configured.
 *
 * Contexts are passed explicitly (the request scope carries the request's, src/providers/request-scope.ts),
 * so no global context manager, and no second AsyncLocalStorage, is registered.
 */
import { defaultTextMapGetter, ROOT_CONTEXT, type Context, type TextMapSetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { TracingSettings } from '../config';

export interface GatewayTracing {
  readonly tracer: Tracer;
  /** Whether spans are exported (a collector is configured). */
  readonly exporting: boolean;
  /** The context a caller's `traceparent` (and `tracestate`) names, or the empty root context. */
  extract(headers: Readonly<Record<string, string | string[] | undefined>>): Context;
  /** Writes `traceparent` (and `tracestate`) for `context`'s span into outbound `headers`. */
  inject(context: Context, headers: Headers): void;
  /** Exports the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/** Writes propagation headers into a fetch `Headers`. */
const headersSetter: TextMapSetter<Headers> = { set: (carrier, key, value) => carrier.set(key, value) };

export function createTracing(settings: Pick<TracingSettings, 'tracesUrl' | 'serviceName'>): GatewayTracing {
  const propagator = new W3CTraceContextPropagator();
  const exporting = settings.tracesUrl !== undefined;
  // With no collector, a request without a sampled `traceparent` gets a non-recording span: its ids
  // exist (logs, problem bodies, the provider calls' `traceparent`), nothing is recorded. A caller
  // that sampled its trace keeps that decision for the providers downstream.
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: new ParentBasedSampler({ root: exporting ? new AlwaysOnSampler() : new AlwaysOffSampler() }),
    spanProcessors: settings.tracesUrl === undefined ? [] : [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.tracesUrl }) })],
  });
  return {
    tracer: provider.getTracer('usage-gateway'),
    exporting,
    extract: (headers) => propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
    inject: (context, headers) => propagator.inject(context, headers, headersSetter),
    shutdown: () => provider.shutdown(),
  };
}
