/**
 * The response validators of one provider spec, compiled once: for every operation and declared
 * status, the media types it may answer with and, for JSON ones, an Ajv validator of the body.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Violation } from '../errors';
import type { OpenApiDocument } from '../specs';
import { isObject, resolveRef, specOperations, type SpecOperation } from './spec-operations';

/** What one declared response allows. */
export interface DeclaredResponse {
  /** Media type → body validator (`undefined` for a non-JSON or schemaless media type). Empty: no body declared. */
  media: Map<string, ValidateFunction | undefined>;
}

/** One operation's declared responses by status key (`200`, `4XX`, `default`). */
export interface CompiledOperation {
  operation: SpecOperation;
  responses: Map<string, DeclaredResponse>;
}

/** `application/json` or a `+json` type: a body the guard parses and checks against its schema. */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

/** How a compiler treats the data it checks (the defaults suit provider responses). */
export interface SchemaCompilerOptions {
  /** Converts strings to the schema's type first (`'5'` → `5`): for URL and header parameters. */
  coerceTypes?: boolean;
  /** Fills in a schema's `default` for a missing property before `required` is checked. */
  useDefaults?: boolean;
  /** ajv-formats' `fast` mode checks the shape only (`date-time` by pattern, not by calendar). */
  formatMode?: 'fast' | 'full';
}

/**
 * An Ajv instance for OpenAPI schemas: `strict: false` lets OpenAPI-only keywords (`example`,
 * `discriminator`) through, `nullable` is Ajv-native, and ajv-formats knows `int64` and `date-time`.
 */
export function createSchemaCompiler(options: SchemaCompilerOptions = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    strictNumbers: true,
    validateFormats: true,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv, { mode: options.formatMode ?? 'full' });
  return ajv;
}

/** Compiles every response of every operation of `spec`. */
export function compileOperations(ajv: Ajv, spec: OpenApiDocument): CompiledOperation[] {
  // Each schema is compiled with the spec's components beside it, so `#/components/...` resolves.
  const components = spec.components ?? {};
  return specOperations(spec).map((operation) => {
    const responses = new Map<string, DeclaredResponse>();
    const declared = isObject(operation.operation.responses) ? operation.operation.responses : {};
    for (const [status, reference] of Object.entries(declared)) {
      const response = resolveRef(spec, reference);
      const content = isObject(response) && isObject(response.content) ? response.content : {};
      const media = new Map<string, ValidateFunction | undefined>();
      for (const [mediaType, item] of Object.entries(content)) {
        const schema = isObject(item) ? item.schema : undefined;
        const key = mediaType.toLowerCase();
        media.set(key, isObject(schema) && isJsonMediaType(key) ? ajv.compile({ ...schema, components }) : undefined);
      }
      responses.set(status.toUpperCase(), { media });
    }
    return { operation, responses };
  });
}

/**
 * Ajv's errors as violations under `/body`, named the way the gateway names request violations:
 * a missing or unexpected property gets its own path.
 */
export function toBodyViolations(errors: readonly ErrorObject[]): Violation[] {
  const violations = errors.map((error): Violation => {
    const at = `/body${error.instancePath}`;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') return { path: `${at}/${String(params.missingProperty)}`, message: 'is required' };
    if (error.keyword === 'additionalProperties') return { path: `${at}/${String(params.additionalProperty)}`, message: 'is not allowed' };
    if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      return { path: at, message: `must be one of: ${params.allowedValues.map(String).join(', ')}` };
    }
    return { path: at, message: error.message ?? `fails ${error.keyword}` };
  });
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.path}\n${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
