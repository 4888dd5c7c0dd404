/**
 * The copy of a provider's spec that native callers are validated against. It is served at
 * `/v1/native/<id>`, and the provider's own authentication is taken out of it: the gateway signs
 * every forwarded request itself, so a caller neither needs nor may send the provider's credentials
 * (Sequence's required `Authorization` header parameter, Flexprice's and Svix's security schemes).
 */
import type { NativeUpstream } from '../providers/native-registry';
import { isObject, resolveRef, specOperations, type SpecObject } from '../providers/spec-operations';
import { specServedAt, type OpenApiDocument } from '../specs';

/** Where a provider's native operations are served. */
export function nativeBasePath(upstream: NativeUpstream): string {
  return `/v1/native/${upstream.id}`;
}

function isCredentialParameter(spec: OpenApiDocument, parameter: unknown, credentials: ReadonlySet<string>): boolean {
  const resolved = resolveRef(spec, parameter);
  return isObject(resolved) && resolved.in === 'header' && typeof resolved.name === 'string' && credentials.has(resolved.name.toLowerCase());
}

/** The provider's spec at `/v1/native/<id>`, without its authentication. */
export function callerSpec(upstream: NativeUpstream): OpenApiDocument {
  const spec = specServedAt(upstream.spec, nativeBasePath(upstream));
  const credentials = new Set(Object.keys(upstream.credentials).map((name) => name.toLowerCase()));
  delete spec.security;
  if (spec.components) delete spec.components.securitySchemes;
  const holders: SpecObject[] = [
    ...Object.values(spec.paths ?? {}).filter(isObject),
    ...specOperations(spec).map((item) => item.operation),
  ];
  for (const holder of holders) {
    delete holder.security;
    if (Array.isArray(holder.parameters)) {
      holder.parameters = holder.parameters.filter((parameter: unknown) => !isCredentialParameter(spec, parameter, credentials));
    }
  }
  return spec;
}

/** The names of the header parameters a spec declares anywhere (e.g. `idempotency-key`, `Sequence-Version`). */
export function specHeaderNames(spec: OpenApiDocument): string[] {
  const holders = [...Object.values(spec.paths ?? {}).filter(isObject), ...specOperations(spec).map((item) => item.operation)];
  const names = holders.flatMap((holder) => (Array.isArray(holder.parameters) ? holder.parameters : []))
    .map((parameter: unknown) => resolveRef(spec, parameter))
    .flatMap((parameter) => (isObject(parameter) && parameter.in === 'header' && typeof parameter.name === 'string' ? [parameter.name] : []));
  return [...new Set(names)];
}
