/**
 * OpenTelemetry tracing without auto-instrumentation: W3C trace context in and out, and, when a
 * collector is configured, a tracer provider per gateway exporting over OTLP/HTTP.
 *
 * Without a collector nothing is recorded and no SDK span is made: each span is the API's
 * non-recording span around fresh ids in the caller's trace (its sampled flag kept for the
 * providers downstream), so logs, problem bodies and provider calls still name the trace.
 *
 * Contexts are passed explicitly (the request scope carries the request's, src/request-scope.ts),
 * so no global context manager, and no AsyncLocalStorage, is registered.
 */
import { defaultTextMapGetter, isSpanContextValid, ROOT_CONTEXT, trace, TraceFlags, type Context, type Span, type SpanOptions, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, RandomIdGenerator, TracerProvider } from '@opentelemetry/sdk-trace';
import type { TracingSettings } from '../config';

export interface GatewayTracing {
  /** Whether spans are recorded and exported (a collector is configured). */
  readonly exporting: boolean;
  /** A span under `parent`'s span (a new trace when it has none); non-recording without a collector. */
  startSpan(name: string, options: SpanOptions, parent: Context): Span;
  /** The context a caller's `traceparent` (and `tracestate`) names, or the empty root context. */
  extract(headers: Readonly<Record<string, string | string[] | undefined>>): Context;
  /** Writes `traceparent` (and `tracestate`) for `context`'s span into outbound `headers`. */
  inject(context: Context, headers: Headers): void;
  /** Exports the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/** Writes propagation headers into a fetch `Headers`. */
const headersSetter: TextMapSetter<Headers> = { set: (carrier, key, value) => carrier.set(key, value) };

/** Ids only: the non-recording span of the parent's trace, or of a new unsampled one. */
function propagateOnly(): GatewayTracing['startSpan'] {
  const ids = new RandomIdGenerator();
  return (_name, _options, parent) => {
    const context = trace.getSpanContext(parent);
    const inTrace = context !== undefined && isSpanContextValid(context);
    return trace.wrapSpanContext({
      traceId: inTrace ? context.traceId : ids.generateTraceId(),
      spanId: ids.generateSpanId(),
      traceFlags: inTrace ? context.traceFlags : TraceFlags.NONE,
      traceState: inTrace ? context.traceState : undefined,
    });
  };
}

export function createTracing(settings: Pick<TracingSettings, 'tracesUrl' | 'serviceName'>): GatewayTracing {
  const propagator = new W3CTraceContextPropagator();
  const common = {
    extract: (headers: Readonly<Record<string, string | string[] | undefined>>) => propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
    inject: (context: Context, headers: Headers) => propagator.inject(context, headers, headersSetter),
  };
  if (settings.tracesUrl === undefined) {
    return { ...common, exporting: false, startSpan: propagateOnly(), shutdown: () => Promise.resolve() };
  }
  const provider = new TracerProvider({
    // Records every trace its caller did not decide against.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.tracesUrl }) })],
  });
  const tracer = provider.getTracer('usage-gateway');
  return {
    ...common,
    exporting: true,
    startSpan: (name, options, parent) => tracer.startSpan(name, options, parent),
    shutdown: () => provider.shutdown(),
  };
}
