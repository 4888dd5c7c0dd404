/**
 * Spec validation for the programmatic entry points (seeding, benchmarks): the same schemas
 * express-openapi-validator applies to HTTP requests, compiled with Ajv from specs/flexprice.yaml.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadSpec } from '../../specs';
import { validationError } from './errors';

type SchemaName = 'IngestEventRequest' | 'GetUsageRequest';

let validators: Map<SchemaName, ValidateFunction> | undefined;

function compile(): Map<SchemaName, ValidateFunction> {
  // strict off: OpenAPI 3.0 schemas carry `example`, which is not a JSON Schema keyword.
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The same format mode express-openapi-validator uses by default.
  addFormats(ajv, { mode: 'fast' });
  ajv.addSchema({ $id: 'flexprice', components: loadSpec('flexprice').components }, 'flexprice');
  const names: SchemaName[] = ['IngestEventRequest', 'GetUsageRequest'];
  return new Map(names.map((name) => {
    const validate = ajv.getSchema(`flexprice#/components/schemas/${name}`);
    if (!validate) throw new Error(`specs/flexprice.yaml has no schema ${name}`);
    return [name, validate] as const;
  }));
}

/** `/a/0/b` → `a[0].b`, after `prefix`: the field names the details use. */
export function fieldName(prefix: string, pointer: string): string {
  const field = pointer.split('/').filter(Boolean).reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment),
    prefix.replace(/\.$/, ''),
  );
  return field || 'body';
}

/** The violations as `details`: one entry per field, the reason as the validator words it. */
export function violationDetails(violations: ReadonlyArray<{ field: string; message: string }>): Record<string, string> {
  const details: Record<string, string> = {};
  for (const { field, message } of violations) details[field] ??= message;
  return details;
}

function violationOf(error: ErrorObject): { pointer: string; message: string } {
  const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty?: string }).missingProperty)}` : '';
  return { pointer: `${error.instancePath}${missing}`, message: error.message ?? 'is invalid' };
}

/** Throws Flexprice's 400 (with `message`) naming every violation when `value` breaks the schema. */
export function assertSchema(name: SchemaName, value: unknown, message: string, prefix = ''): void {
  validators ??= compile();
  const validate = validators.get(name);
  if (!validate || validate(value)) return;
  const violations = (validate.errors ?? []).map(violationOf).map(({ pointer, message: reason }) => ({
    field: fieldName(prefix, pointer),
    message: reason,
  }));
  throw validationError(message, violationDetails(violations));
}
