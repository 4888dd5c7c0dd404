/**
 * The native passthrough: `/v1/native/{providerId}/...` serves the operations of that provider's
 * spec. Per request: the URL is checked (native-path.ts), the operation looked up (404 / 405), the
 * body read within the size limit, the request validated against the provider's spec (400 listing
 * each violation), and only then forwarded with the gateway's credentials (forward.ts). Every
 * refusal happens before any upstream call.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors';
import type { ContractGuard } from '../providers/contract-guard';
import type { ProviderPolicy } from '../policies/provider-policy';
import type { NativeUpstream } from '../providers/native-registry';
import { matchOperation, specOperations } from '../providers/spec-operations';
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

/** Everything one provider's native requests go through once their provider id is known. */
function providerPipeline(upstream: NativeUpstream, options: NativeRouterOptions): Router {
  const spec = callerSpec(upstream);
  const operations = specOperations(spec);
  const validators = compileRequestValidators(spec, nativeBasePath(upstream), operations);
  const rawBodies = new WeakMap<IncomingMessage, Buffer>();
  const pipeline = express.Router();

  pipeline.use((req: Request, res: Response, next: NextFunction) => {
    const target = res.locals.nativeTarget as NativeTarget;
    const match = matchOperation(operations, req.method, target.path);
    if (match.kind === 'missing') {
      next(new GatewayError('route_not_found', { detail: `${upstream.id} has no operation at ${target.path || '/'} in its spec` }));
      return;
    }
    if (match.kind === 'method_not_allowed') {
      const allowed = match.allowed.join(', ');
      next(new GatewayError('method_not_allowed', { detail: `${req.method} is not allowed on ${target.path}; use ${allowed}`, headers: { Allow: allowed } }));
      return;
    }
    res.locals.nativeCall = { target, template: match.operation.template, body: undefined } satisfies NativeCall;
    res.locals.nativeTakesBody = match.operation.operation.requestBody !== undefined;
    res.locals.nativeValidator = validators.get(match.operation);
    next();
  });
  const keepRawBody = (req: IncomingMessage, _res: unknown, buffer: Buffer) => {
    rawBodies.set(req, buffer);
  };
  pipeline.use(express.json({ limit: options.maxBodyBytes, type: jsonTypes, verify: keepRawBody }));
  pipeline.use((req: Request, res: Response, next: NextFunction) => {
    const call = res.locals.nativeCall as NativeCall;
    const validate = res.locals.nativeValidator as RequestValidator;
    const refusal = validate({ path: call.target.path, rawQuery: call.target.query, query: req.query, headers: req.headers, body: req.body as unknown });
    if (refusal) {
      next(refusal);
      return;
    }
    // The caller's bytes are forwarded, not a re-serialisation of what the validator looked at.
    if (res.locals.nativeTakesBody === true) call.body = rawBodies.get(req);
    next();
  });
  pipeline.use(createForwarder({
    upstream,
    nativeBase: nativeBasePath(upstream),
    allowlist: requestHeaderAllowlist(specHeaderNames(spec), upstream),
    guard: options.contractGuard,
    onContractViolation: options.onContractViolation,
    deadlineMs: options.deadlineMs,
    // Only idempotent methods and requests with an `Idempotency-Key` are retried.
    fetch: composeProviderFetch({ upstream, fetch: options.fetch, instrument: options.instrument, policy: options.policies?.get(upstream.id), retryAnyMethod: false }),
  }));
  return pipeline;
}

/** A Router for the application root, after authentication and before the unified API's body parser. */
export function createNativeRouter(options: NativeRouterOptions): Router {
  const pipelines = new Map(options.upstreams.map((upstream) => [upstream.id, providerPipeline(upstream, options)]));
  const known = [...pipelines.keys()].join(', ') || 'none';
  const router = express.Router();
  router.use('/v1/native', (req: Request, res: Response, next: NextFunction) => {
    const parsed = parseNativeUrl(req.url);
    if ('violations' in parsed) {
      const detail = parsed.violations.map((item) => `${item.path}: ${item.message}`).join('; ');
      next(new GatewayError('validation_failed', { detail, errors: parsed.violations }));
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
    res.locals.nativeTarget = parsed.target;
    pipeline(req, res, next);
  });
  return router;
}
