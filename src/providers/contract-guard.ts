/**
 * The contract guard: every provider response, on native and unified paths, is checked against
 * that provider's spec. Validators are compiled once, when the guard is created at startup.
 *
 * `warn` (the default) passes an off-spec response on, logs it and adds a `Warning` header;
 * `strict` answers 502 `upstream_contract_violation` listing the violations instead.
 */
import { GatewayError, type Violation } from '../errors';
import { loadSpec } from '../specs';
import { compileOperations, createSchemaCompiler, isJsonMediaType, toBodyViolations, type CompiledOperation, type DeclaredResponse } from './contract-guard-schemas';
import type { ProviderSpecName } from './native-registry';
import { operationMatcher, type OperationMatcher, type SpecOperation } from './spec-operations';

/** `contractGuard` in the config: pass an off-spec answer on with a warning, or refuse it. */
export type ContractGuardMode = 'warn' | 'strict';

/** A provider's answer, as the guard needs it. */
export interface ProviderResponse {
  method: string;
  /** Relative to the provider's base URL, still percent-encoded: `/events/usage`. */
  path: string;
  status: number;
  /** The `Content-Type` header, if any. */
  contentType: string | null;
  /** The body as text; empty when there is none. */
  body: string;
}

/** The compiled guard, shared by the native passthrough and the adapters' fetches. */
export interface ContractGuard {
  readonly mode: ContractGuardMode;
  /**
   * The ways `response` departs from `spec`: an undeclared status (`/status`), an undeclared media
   * type (`/headers/content-type`), or a body outside the declared schema (`/body/...`). Empty when
   * it conforms, and for requests the spec has no operation for (the guard checks answers, not
   * routes). Undeclared 429 and 5xx answers are not checked: rate limiters and proxies send them
   * outside any API's contract, and the adapters already treat them as upstream failures.
   */
  check(spec: ProviderSpecName, response: ProviderResponse): Violation[];
}

/** What `createContractGuard` compiles. */
export interface ContractGuardOptions {
  mode: ContractGuardMode;
  /** The specs to compile, one per configured provider type; repeats are compiled once. */
  specs: readonly ProviderSpecName[];
}

/** The most violations one answer lists; the rest are counted, not listed. */
const maxListed = 50;

function declaredFor(operation: CompiledOperation, status: number): DeclaredResponse | undefined {
  const { responses } = operation;
  return responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('DEFAULT');
}

function checkBody(declared: DeclaredResponse, response: ProviderResponse): Violation[] {
  if (declared.media.size === 0 || [204, 205, 304].includes(response.status)) return [];
  const mediaType = response.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const known = [...declared.media.keys()];
  if (!declared.media.has(mediaType) && !declared.media.has('*/*')) {
    const found = mediaType === '' ? 'is missing' : `is ${mediaType}`;
    return [{ path: '/headers/content-type', message: `${found}; the spec declares ${known.join(' or ')}` }];
  }
  if (!isJsonMediaType(mediaType)) return [];
  if (response.body.trim() === '') return [{ path: '/body', message: `is empty; the spec declares ${mediaType} content` }];
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [{ path: '/body', message: 'is not valid JSON' }];
  }
  const validate = declared.media.get(mediaType);
  if (!validate || validate(body)) return [];
  return toBodyViolations(validate.errors ?? []);
}

/** Compiles a validator for every (operation, status) response of each spec. */
export function createContractGuard(options: ContractGuardOptions): ContractGuard {
  const ajv = createSchemaCompiler();
  /** Each spec's compiled operations, and the matcher that finds one by method and path. */
  const compiled = new Map<ProviderSpecName, { byOperation: Map<SpecOperation, CompiledOperation>; matchOperation: OperationMatcher }>();
  for (const spec of options.specs) {
    if (compiled.has(spec)) continue;
    const operations = compileOperations(ajv, loadSpec(spec));
    compiled.set(spec, {
      byOperation: new Map(operations.map((item) => [item.operation, item])),
      matchOperation: operationMatcher(operations.map((item) => item.operation)),
    });
  }
  return {
    mode: options.mode,
    check(spec, response) {
      const operations = compiled.get(spec);
      const match = operations?.matchOperation(response.method, response.path);
      if (match?.kind !== 'found') return [];
      const operation = operations?.byOperation.get(match.operation);
      if (!operation) return [];
      const declared = declaredFor(operation, response.status);
      if (!declared) {
        if (response.status === 429 || response.status >= 500) return [];
        const statuses = [...operation.responses.keys()].join(', ');
        return [{ path: '/status', message: `${response.status} is not declared for ${match.operation.method} ${match.operation.template} (declared: ${statuses})` }];
      }
      const violations = checkBody(declared, response);
      if (violations.length <= maxListed) return violations;
      return [...violations.slice(0, maxListed), { path: '/body', message: `and ${violations.length - maxListed} more violations` }];
    },
  };
}

/**
 * The `Warning` header value for an answer the guard passed on in `warn` mode, e.g.
 * `199 usage-gateway "svix answered outside its spec: /body/status: must be one of: …"`.
 * RFC 9111 deprecates `Warning`, but 199 ("miscellaneous warning") is what clients still surface.
 */
export function contractWarning(provider: string, violations: readonly Violation[]): string {
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  const text = `${provider} answered outside its spec: ${first ? `${first.path}: ${first.message}` : 'unknown violation'}${more}`;
  // A quoted-string: no quotes, backslashes or control characters, and a bounded length.
  const quoted = text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?').slice(0, 300);
  return `199 usage-gateway "${quoted}"`;
}

/** The 502 `strict` mode answers with instead of an off-spec provider response. */
export function contractViolationError(provider: string, status: number, violations: readonly Violation[]): GatewayError {
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return new GatewayError('upstream_contract_violation', {
    detail: `${provider} answered ${status} outside its specification: ${first ? `${first.path}: ${first.message}` : 'unknown violation'}${more}`,
    errors: [...violations],
    provider,
    upstreamStatus: status,
    retryable: false,
  });
}
