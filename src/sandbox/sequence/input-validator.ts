/**
 * Schema checks for the programmatic (seeding) path, compiled from the same spec components the
 * HTTP validator uses, so a seeded metric or event is held to exactly what `POST` would accept.
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { loadSpec } from '../../specs';
import { validationError } from './api-error';
import type { CreateUsageMetricRequest, ErrorItem } from './types';
import { keyFromPointer, schemaViolation } from './violations';

/** Checks a value against one request schema; throws a 400 `validationError` naming every bad key. */
export type InputCheck<T> = (value: unknown, keyPrefix?: string) => T;

/** The seeding-side validators for the two request bodies the simulator ingests. */
export interface SequenceInputValidator {
  metric: InputCheck<CreateUsageMetricRequest>;
  /** The violations of one event, empty when it conforms (bulk seeding collects them all first). */
  eventViolations(value: unknown, keyPrefix?: string): ErrorItem[];
}

function toItem(error: ErrorObject, keyPrefix: string): ErrorItem {
  const missing = error.keyword === 'required' ? `/${String(error.params['missingProperty'])}` : '';
  const key = keyFromPointer(`/body${error.instancePath}${missing}`);
  // express-openapi-validator lists an enum's values; say the same here.
  const allowed = error.keyword === 'enum' ? `: ${(error.params['allowedValues'] as unknown[]).join(', ')}` : '';
  return schemaViolation(`${keyPrefix}${key}`, `${error.message ?? 'is invalid'}${allowed}`, error.keyword);
}

let shared: SequenceInputValidator | undefined;

/** The validators, compiled on first use and shared: they hold no state and the spec is fixed. */
export function sequenceInputValidator(): SequenceInputValidator {
  shared ??= compileSequenceInputValidator();
  return shared;
}

function compileSequenceInputValidator(): SequenceInputValidator {
  // strict: false lets the OpenAPI-only keywords (`example`) through; `nullable` is Ajv-native.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv, { mode: 'full' });
  ajv.addSchema({ $id: 'sequence', components: loadSpec('sequence').components });
  const compile = (name: string) => {
    const validate = ajv.getSchema(`sequence#/components/schemas/${name}`);
    if (!validate) throw new Error(`specs/sequence.yaml has no schema ${name}`);
    return (value: unknown, keyPrefix = ''): ErrorItem[] =>
      validate(value) ? [] : (validate.errors ?? []).map((error) => toItem(error, keyPrefix));
  };
  const metricViolations = compile('CreateUsageMetricRequest');
  const metric: InputCheck<CreateUsageMetricRequest> = (value, keyPrefix) => {
    const items = metricViolations(value, keyPrefix);
    if (items.length > 0) throw validationError(items);
    return value as CreateUsageMetricRequest;
  };
  return { metric, eventViolations: compile('CreateUsageEventRequest') };
}
