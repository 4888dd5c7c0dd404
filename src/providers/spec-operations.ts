/**
 * The operations of a provider spec and the matching of a concrete request path to one of them,
 * shared by the native passthrough (which paths it forwards) and the contract guard (which
 * responses it checks a provider's answer against).
 */
import type { OpenApiDocument } from '../specs';

/** An OpenAPI object as read from YAML: only what this module and its callers look at is typed. */
export type SpecObject = Record<string, unknown>;

/** One operation of a spec: `POST /events/usage`. */
export interface SpecOperation {
  /** Upper case: `GET`, `POST`. */
  method: string;
  /** The spec's path template, e.g. `/usage-metrics/{usageMetricId}/calculate`. */
  template: string;
  /** The operation object, `$ref`s unresolved. */
  operation: SpecObject;
}

/** The operation a request names, or why none: no such path (404), or not with this method (405). */
export type OperationMatch =
  | { kind: 'found'; operation: SpecOperation }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'missing' };

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The object a local `$ref` (`#/components/...`) points at; anything else comes back as it is. */
export function resolveRef(spec: OpenApiDocument, value: unknown): unknown {
  let current = value;
  // A chain of references ends at an object without `$ref`; the depth bound stops a cycle.
  for (let depth = 0; depth < 16 && isObject(current) && typeof current.$ref === 'string'; depth += 1) {
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) return current;
    current = pointer
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), spec);
  }
  return current;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is SpecObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every operation in the spec, in document order. */
export function specOperations(spec: OpenApiDocument): SpecOperation[] {
  return Object.entries(spec.paths ?? {}).flatMap(([template, item]) =>
    httpMethods.flatMap((method) => {
      const operation: unknown = isObject(item) ? item[method] : undefined;
      return isObject(operation) ? [{ method: method.toUpperCase(), template, operation }] : [];
    }),
  );
}

/** A `{parameter}` path segment of a template. */
const isParameter = (segment: string): boolean => /^\{[^}]+\}$/.test(segment);

/**
 * Whether a path (relative to the spec's server, still percent-encoded) fits a template: literal
 * segments must be equal, case included, and a `{parameter}` takes one non-empty segment. A
 * trailing slash counts, as the specs list `/app` and `/app/` separately where both exist.
 */
export function fitsTemplate(template: string, path: string): boolean {
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return false;
  return expected.every((part, index) => {
    const segment = actual[index] ?? '';
    return isParameter(part) ? segment !== '' : part === segment;
  });
}

/** Finds the operation for a method and path, or why there is none. */
export type OperationMatcher = (method: string, path: string) => OperationMatch;

/**
 * The operation matcher of a spec's operations, prepared once: a template without parameters fits
 * only the path equal to it, so those are looked up by path, and only templates with parameters are
 * tried one by one.
 */
export function operationMatcher(operations: readonly SpecOperation[]): OperationMatcher {
  const literal = new Map<string, SpecOperation[]>();
  const templated: SpecOperation[] = [];
  for (const operation of operations) {
    if (operation.template.split('/').some(isParameter)) templated.push(operation);
    else literal.set(operation.template, [...(literal.get(operation.template) ?? []), operation]);
  }
  const order = new Map(operations.map((operation, index) => [operation, index]));
  return (method, path) => {
    const fitting = templated.filter((operation) => fitsTemplate(operation.template, path));
    const exact = literal.get(path) ?? [];
    // In document order, as the spec lists them (the 405's Allow header lists methods so).
    const atPath = fitting.length === 0 ? exact : [...exact, ...fitting].sort((left, right) => (order.get(left) ?? 0) - (order.get(right) ?? 0));
    return matchAmong(atPath, method);
  };
}

/** Among the operations at one path (in document order), the one for `method`, or why none. */
function matchAmong(atPath: readonly SpecOperation[], method: string): OperationMatch {
  if (atPath.length === 0) return { kind: 'missing' };
  // A literal path wins over a templated one (`/items/new` before `/items/{id}`), as in OpenAPI.
  const wanted = method.toUpperCase();
  const found = atPath
    .filter((operation) => operation.method === wanted)
    .sort((left, right) => templatedSegments(left.template) - templatedSegments(right.template))[0];
  if (found) return { kind: 'found', operation: found };
  return { kind: 'method_not_allowed', allowed: [...new Set(atPath.map((operation) => operation.method))] };
}

function templatedSegments(template: string): number {
  return template.split('/').filter((part) => part.startsWith('{')).length;
}
