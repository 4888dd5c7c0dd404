/**
 * Forwards one validated native request to its provider as the gateway, checks the answer against
 * the provider's spec, and hands it back: the provider's status, body and meaningful headers.
 */
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, invalidRequest } from '../errors';
import { deadlineFailure, startDeadline } from '../policies/deadline';
import { contractViolationError, contractWarning, type ContractGuard } from '../providers/contract-guard';
import type { NativeUpstream } from '../providers/native-registry';
import { bufferedBody } from '../providers/pooled-fetch';
import { redactSecrets, type Fetch } from '../providers/upstream';
import { callerResponseHeaders, upstreamRequestHeaders } from './forward-headers';
import type { NativeTarget } from './native-path';
import { redactBytes, secretNeedles } from './redact';

/** What the router learnt about a request before forwarding it. */
export interface NativeCall {
  target: NativeTarget;
  /** The spec's path template, for logs: `/usage-metrics/{usageMetricId}/calculate`. */
  template: string;
  /** The body exactly as the caller sent it, when the operation takes one. */
  body: Buffer | undefined;
}

/** One provider's forwarding, built once at startup. */
export interface ForwarderOptions {
  upstream: NativeUpstream;
  /** Where the provider is served on the gateway: `/v1/native/<id>`. */
  nativeBase: string;
  allowlist: ReadonlySet<string>;
  guard: ContractGuard;
  /** Told of every answer outside the provider's spec (a metrics counter). */
  onContractViolation?: ((provider: string) => void) | undefined;
  /** createUpstreamFetch around the injected fetch: timeouts and outages are gateway errors. */
  fetch: Fetch;
  /** The whole call's budget, retries included (`limits.queryDeadlineMs`). */
  deadlineMs: number;
}

/** Forwards `call`, a request the router validated. */
export function createForwarder(options: ForwarderOptions) {
  const { upstream, guard } = options;
  const needles = secretNeedles(upstream.secrets);

  return async (req: Request, res: Response, next: NextFunction, call: NativeCall): Promise<void> => {
    const prepared = upstreamRequestHeaders(req.headers, options.allowlist, upstream);
    if ('violations' in prepared) {
      next(invalidRequest(prepared.violations));
      return;
    }
    const url = `${upstream.baseUrl}${call.target.path}${call.target.query ? `?${call.target.query}` : ''}`;
    // One signal for the whole call: the request's deadline, also ended when the caller hangs up;
    // it carries the request's scope, and the provider's policy runs every attempt under it.
    const deadline = startDeadline(options.deadlineMs, undefined, req.scope);
    let hungUp = false;
    res.on('close', () => {
      if (res.writableFinished) return;
      hungUp = true;
      deadline.abort(new Error('the caller closed the connection'));
    });
    const started = performance.now();
    let response: globalThis.Response;
    let body: Buffer;
    try {
      response = await options.fetch(url, { method: req.method, headers: prepared.headers, body: call.body, redirect: 'manual', signal: deadline.signal });
      body = bufferedBody(response) ?? Buffer.from(await response.arrayBuffer());
    } catch (error) {
      if (hungUp) return;
      const failure = deadlineFailure(deadline, upstream.id, error);
      next(failure instanceof GatewayError ? failure : new GatewayError('upstream_unavailable', { detail: `${upstream.id} broke off its answer`, provider: upstream.id, retryable: true, cause: error }));
      return;
    } finally {
      deadline.dispose();
    }
    const status = response.status;
    req.log.info({ provider: upstream.id, method: req.method, route: call.template, status, durationMs: Math.round(performance.now() - started) }, 'native call');

    const violations = guard.check(upstream.spec, { method: req.method, path: call.target.path, status, contentType: response.headers.get('content-type'), body: body.toString('utf8') });
    if (violations.length > 0) {
      options.onContractViolation?.(upstream.id);
      req.log.warn({ provider: upstream.id, method: req.method, route: call.template, status, violations, mode: guard.mode }, 'provider answered outside its spec');
      if (guard.mode === 'strict') {
        next(contractViolationError(upstream.id, status, violations));
        return;
      }
      res.setHeader('Warning', contractWarning(upstream.id, violations));
    }
    for (const [name, value] of callerResponseHeaders(response.headers, { requestUrl: url, upstream, nativeBase: options.nativeBase })) {
      res.setHeader(name, redactSecrets(value, upstream.secrets));
    }
    // res.end, not res.send: no ETag, no 304 and no content type of Express's own on a provider's answer.
    res.status(status).end(redactBytes(body, needles));
  };
}
