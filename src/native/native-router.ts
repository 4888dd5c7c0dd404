/**
 * The native passthrough: `/v1/native/{providerId}/...` serves the operations of that provider's
 * spec. Per request: the URL is checked (native-path.ts), the operation looked up (404 / 405), the
 * body read within the size limit, the request validated against the provider's spec (400 listing
 * each violation), and only then forwarded with the gateway's credentials (forward.ts). Every
 * refusal happens before any upstream call.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { GatewayError, invalidRequest } from '../errors';
import type { ContractGuard } from '../providers/contract-guard';
import type { ProviderPolicy } from '../policies/provider-policy';
import type { NativeUpstream } from '../providers/native-registry';
import { operationMatcher, specOperations } from '../providers/spec-operations';
import { composeProviderFetch } from '../providers/provider-fetch';
import type { Fetch } from '../providers/upstream';
import type { UpstreamInstrumentation } from '../telemetry/upstream-fetch';
import { callerSpec, nativeBasePath, specHeaderNames } from './caller-spec';
import { createForwarder, type NativeCall } from './forward';
import { requestHeaderAllowlist } from './forward-headers';
import { parseNativeUrl, type NativeTarget } from './native-path';
import { compileRequestValidators, type RequestValidator } from './request-validator';

/** What the native passthrough is built from (gateway.ts passes it). */
export interface NativeRouterOptions {
  upstreams: readonly NativeUpstream[];
  contractGuard: ContractGuard;
  /** The largest request body forwarded (`limits.maxNativeBodyBytes`); larger ones get 413. */
  maxBodyBytes: number;
  /** Each request's budget, retries included (`limits.queryDeadlineMs`); past it, 504. */
  deadlineMs: number;
  /** The fetch that reaches providers (default: global fetch). */
  fetch?: Fetch | undefined;
  /**
   * Retries, breaker and bulkhead per provider id, shared with the adapters. Native calls are
   * retried only for idempotent methods and requests carrying an `Idempotency-Key`.
   */
  policies?: ReadonlyMap<string, ProviderPolicy> | undefined;
  /** Counts, times and traces every provider call (src/telemetry/upstream-fetch.ts). */
  instrument?: UpstreamInstrumentation | undefined;
  /** Told of every provider answer outside its spec, by provider id. */
  onContractViolation?: ((provider: string) => void) | undefined;
}

const jsonTypes = ['application/json', 'application/*+json'];

/** One provider's native requests, once their provider id is known: see the module comment. */
type ProviderPipeline = (req: Request, res: Response, next: NextFunction, target: NativeTarget) => void;

function providerPipeline(upstream: NativeUpstream, options: NativeRouterOptions): ProviderPipeline {
  const spec = callerSpec(upstream);
  const operations = specOperations(spec);
  const validators = compileRequestValidators(spec, nativeBasePath(upstream), operations);
  const matchOperation = operationMatcher(operations);
  const rawBodies = new WeakMap<IncomingMessage, Buffer>();
  const keepRawBody = (req: IncomingMessage, _res: unknown, buffer: Buffer) => {
    rawBodies.set(req, buffer);
  };
  const parseJson = express.json({ limit: options.maxBodyBytes, type: jsonTypes, verify: keepRawBody });
  const forward = createForwarder({
    upstream,
    nativeBase: nativeBasePath(upstream),
    allowlist: requestHeaderAllowlist(specHeaderNames(spec), upstream),
    guard: options.contractGuard,
    onContractViolation: options.onContractViolation,
    deadlineMs: options.deadlineMs,
    // Only idempotent methods and requests with an `Idempotency-Key` are retried.
    fetch: composeProviderFetch({ upstream, fetch: options.fetch, instrument: options.instrument, policy: options.policies?.get(upstream.id), retryAnyMethod: false }),
  });

  // One handler calling each step in turn, not a Router of them: the steps always run in this order.
  return (req, res, next, target) => {
    const match = matchOperation(req.method, target.path);
    if (match.kind === 'missing') {
      next(new GatewayError('route_not_found', { detail: `${upstream.id} has no operation at ${target.path || '/'} in its spec` }));
      return;
    }
    if (match.kind === 'method_not_allowed') {
      const allowed = match.allowed.join(', ');
      next(new GatewayError('method_not_allowed', { detail: `${req.method} is not allowed on ${target.path}; use ${allowed}`, headers: { Allow: allowed } }));
      return;
    }
    const call: NativeCall = { target, template: match.operation.template, body: undefined };
    // The metrics' route label names the operation (src/telemetry/route-label.ts).
    res.locals.nativeCall = call;
    const validate = validators.get(match.operation) as RequestValidator;
    parseJson(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      const refusal = validate({ path: target.path, rawQuery: target.query, query: req.query, headers: req.headers, body: req.body as unknown });
      if (refusal) {
        next(refusal);
        return;
      }
      // The caller's bytes are forwarded, not a re-serialisation of what the validator looked at.
      if (match.operation.operation.requestBody !== undefined) call.body = rawBodies.get(req);
      forward(req, res, next, call).catch(next);
    });
  };
}

/** Where the native passthrough is served: `/v1/native` and below, in any letter case, as Express matches paths. */
const nativePrefix = '/v1/native';
const nativePath = /^\/v1\/native(?=\/|$)/i;

/** The handler of `/v1/native` and below; any other request passes on. */
export function createNativeRouter(options: NativeRouterOptions): RequestHandler {
  const pipelines = new Map(options.upstreams.map((upstream) => [upstream.id, providerPipeline(upstream, options)]));
  const known = [...pipelines.keys()].join(', ') || 'none';
  return (req: Request, res: Response, next: NextFunction) => {
    if (!nativePath.test(req.path)) {
      next();
      return;
    }
    // What follows the prefix, with the query as sent (the request target may be an absolute URL).
    const queryAt = req.url.indexOf('?');
    const parsed = parseNativeUrl(req.path.slice(nativePrefix.length) + (queryAt === -1 ? '' : req.url.slice(queryAt)));
    if ('violations' in parsed) {
      next(invalidRequest(parsed.violations));
      return;
    }
    const { providerId } = parsed.target;
    if (providerId === '') {
      next(new GatewayError('route_not_found', { detail: `Name a provider: /v1/native/{providerId}/... (configured: ${known})` }));
      return;
    }
    const pipeline = pipelines.get(providerId);
    if (!pipeline) {
      const message = `is not a configured provider (configured: ${known})`;
      next(new GatewayError('provider_not_found', { detail: `${JSON.stringify(providerId)} ${message}`, errors: [{ path: '/path/providerId', message }] }));
      return;
    }
    pipeline(req, res, next, parsed.target);
  };
}
