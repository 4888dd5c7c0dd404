/**
 * Negative cases from a valid JSON body and its schema: a required field missing, a field of the
 * wrong type, a value outside an enum, a date that is no date. Each mutation breaks exactly one
 * rule of the schema, so the provider must refuse it.
 */
import fc from 'fast-check';
import { isObject, type SpecObject } from '../providers/spec-operations';
import type { OpenApiDocument } from '../specs';
import { resolveSchema, schemaTypes } from './schema-arbitrary';

export interface Mutation {
  /** What was broken, e.g. `event_name missing`, `start_time not a date`. */
  description: string;
  body: Record<string, unknown>;
}

/** A value no JSON type the schema allows accepts: objects for scalars, a string for the rest. */
function wrongTypeValue(types: readonly string[]): unknown {
  if (types.includes('object') || types.includes('array')) return types.includes('string') ? 12_345 : 'not-an-object';
  if (types.includes('string')) return { unexpected: true };
  return 'not-a-number';
}

/** Looks like an RFC 3339 date-time and is none: month 13, day 45, hour 25. */
export const badDate = '2024-13-45T25:61:00Z';
/** A value outside any enum of the provider specs, in any letter case. */
export const outsideEnum = 'VERIFY_NOT_A_VALUE';

/** One mutation per broken rule, over the body's top-level fields. */
export function mutations(spec: OpenApiDocument, schema: unknown, body: Record<string, unknown>): Mutation[] {
  const resolved = resolveSchema(spec, schema);
  const properties: SpecObject = isObject(resolved.properties) ? resolved.properties : {};
  const required = Array.isArray(resolved.required) ? resolved.required.map(String) : [];
  const found: Mutation[] = [];
  const replaced = (key: string, value: unknown): Record<string, unknown> => ({ ...body, [key]: value });
  for (const key of required) {
    const { [key]: _dropped, ...rest } = body;
    found.push({ description: `${key} missing`, body: rest });
  }
  for (const [key, value] of Object.entries(body)) {
    const property = resolveSchema(spec, properties[key]);
    const types = schemaTypes(property);
    if (value === undefined || types.length === 0) continue;
    found.push({ description: `${key} of the wrong type`, body: replaced(key, wrongTypeValue(types)) });
    if (Array.isArray(property.enum)) found.push({ description: `${key} outside its enum`, body: replaced(key, outsideEnum) });
    if (property.format === 'date-time') found.push({ description: `${key} not a date`, body: replaced(key, badDate) });
  }
  return found;
}

/**
 * One mutation of each body `valid` draws, picked among all of them (`adjust` may amend each);
 * `fallback` when the schema offers none to break.
 */
export function mutated(
  spec: OpenApiDocument,
  schema: unknown,
  valid: fc.Arbitrary<Record<string, unknown>>,
  fallback: Mutation,
  adjust: (mutation: Mutation) => Mutation = (mutation) => mutation,
): fc.Arbitrary<Mutation> {
  return fc.tuple(valid, fc.nat()).map(([body, pick]) => {
    const found = mutations(spec, schema, body).map(adjust);
    return found[pick % found.length] ?? fallback;
  });
}
