/**
 * The provider fetch wrapper: every call to a provider, from an adapter (the registry wraps each
 * adapter's fetch) or from the native passthrough, is counted and timed by provider and outcome,
 * gets a client span under the request's span, and carries that span's `traceparent`. It sits
 * closest to the network, so a retry policy wrapped around it shows one span per attempt.
 */
import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, type Span } from '@opentelemetry/api';
import type { NativeUpstream } from '../providers/native-registry';
import { fetchTarget, signalOf } from '../providers/fetch-request';
import { operationMatcher, specOperations, type OperationMatcher } from '../providers/spec-operations';
import type { Fetch } from '../providers/upstream';
import { scopeOf } from '../request-scope';
import { loadSpec } from '../specs';
import type { GatewayMetrics, UpstreamOutcome } from './metrics';
import type { GatewayTracing } from './tracing';

/** The hook the registry and the native router apply to each provider's fetch. */
export interface UpstreamInstrumentation {
  fetch(upstream: Pick<NativeUpstream, 'id' | 'spec' | 'baseUrl'>, fetch: Fetch | undefined): Fetch;
}

function outcomeOf(status: number): UpstreamOutcome {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'client_error' : 'success';
}

/** A failed call: the timeout's abort, the caller's abort, or the network. */
function failureOf(signal: AbortSignal | null | undefined): UpstreamOutcome {
  if (!signal?.aborted) return 'network_error';
  // AbortSignal.timeout aborts with a DOMException named TimeoutError (not always an Error of this realm).
  const reason = signal.reason as { name?: unknown } | undefined;
  return reason?.name === 'TimeoutError' ? 'timeout' : 'aborted';
}

export function createUpstreamInstrumentation(options: { metrics?: GatewayMetrics | undefined; tracing?: GatewayTracing | undefined }): UpstreamInstrumentation {
  const { metrics, tracing } = options;
  return {
    fetch(upstream, fetch) {
      const base = fetch ?? globalThis.fetch;
      // The spec's operations, read when a recording span is first named (only with a collector).
      let matchOperation: OperationMatcher | undefined;
      const basePath = new URL(upstream.baseUrl).pathname.replace(/\/+$/, '');
      /** Names a recording span after the spec operation it calls: `POST /events/usage`. */
      const name = (span: Span, method: string, url: URL) => {
        const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
        matchOperation ??= operationMatcher(specOperations(loadSpec(upstream.spec)));
        const match = matchOperation(method, path);
        const template = match.kind === 'found' ? match.operation.template : undefined;
        span.updateName(template ? `${method} ${template}` : method);
        span.setAttributes({ 'server.address': url.hostname, ...(template ? { 'url.template': template } : {}) });
      };

      return async (input, init) => {
        let span: Span | undefined;
        let sent = init;
        if (tracing) {
          const { method, url, request, signal } = fetchTarget(input, init);
          const headers = new Headers(init?.headers ?? request?.headers);
          const parent = scopeOf(signal)?.request?.trace ?? ROOT_CONTEXT;
          span = tracing.startSpan(method, { kind: SpanKind.CLIENT, attributes: { 'usage_gateway.provider': upstream.id, 'http.request.method': method } }, parent);
          if (span.isRecording()) name(span, method, url);
          tracing.inject(trace.setSpan(parent, span), headers);
          sent = { ...init, headers };
        }
        const started = performance.now();
        try {
          const response = await base(input, sent);
          metrics?.upstreamRequest(upstream.id, outcomeOf(response.status), (performance.now() - started) / 1000);
          span?.setAttribute('http.response.status_code', response.status);
          if (response.status >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (error) {
          const outcome = failureOf(signalOf(input, init));
          metrics?.upstreamRequest(upstream.id, outcome, (performance.now() - started) / 1000);
          span?.setAttribute('error.type', outcome);
          span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          throw error;
        } finally {
          span?.end();
        }
      };
    },
  };
}
