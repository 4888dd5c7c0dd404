/**
 * fast-check arbitraries read from a provider spec's request schemas: values the schema allows,
 * for the keywords the provider specs use ($ref, type (3.1 lists included), nullable, enum,
 * format date-time, pattern, min/maxLength, minimum/maximum, items, min/maxItems, properties,
 * required, additionalProperties). A provider's plan overrides fields by path where the spec
 * allows more than is useful to send (names that exist, periods with data).
 */
import fc from 'fast-check';
import { isObject, resolveRef, type SpecObject } from '../providers/spec-operations';
import type { OpenApiDocument } from '../specs';
import { instantText } from './plan';

/** Replaces the generator at a path (`['event_name']`, `['filters', '*']` for map values). */
export type Overrides = (path: readonly string[]) => fc.Arbitrary<unknown> | undefined;

/** A schema with its `$ref` chain resolved. */
export function resolveSchema(spec: OpenApiDocument, schema: unknown): SpecObject {
  const resolved = resolveRef(spec, schema);
  return isObject(resolved) ? resolved : {};
}

/** The schema's types, `nullable` folded in as `null`. */
export function schemaTypes(schema: SpecObject): string[] {
  const types = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];
  return schema.nullable === true ? [...types, 'null'] : types;
}

const anyJson = fc.jsonValue({ maxDepth: 2 });
const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Instants from 1971 to 2100 in whole seconds, written as RFC 3339 in UTC. */
const dateTime = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }).map(instantText);

function stringArbitrary(schema: SpecObject): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return dateTime;
  const minLength = number(schema.minLength) ?? 0;
  const maxLength = Math.min(number(schema.maxLength) ?? 16, minLength + 16);
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= minLength && text.length <= (number(schema.maxLength) ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
}

function typedArbitrary(spec: OpenApiDocument, schema: SpecObject, type: string | undefined, overrides: Overrides, path: readonly string[]): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: number(schema.minimum) ?? -1_000_000, max: number(schema.maximum) ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: number(schema.minimum) ?? -1e9, max: number(schema.maximum) ?? 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = number(schema.minItems) ?? 0;
      const items = schemaArbitrary(spec, schema.items, overrides, [...path, '*']);
      const maxLength = Math.min(number(schema.maxItems) ?? 3, minLength + 3);
      return schema.uniqueItems === true ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) }) : fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(spec, schema, overrides, path);
    default:
      return anyJson;
  }
}

function objectArbitrary(spec: OpenApiDocument, schema: SpecObject, overrides: Overrides, path: readonly string[]): fc.Arbitrary<unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const model = Object.fromEntries(Object.keys(properties).map((key) => [key, schemaArbitrary(spec, properties[key], overrides, [...path, key])]));
  const requiredKeys = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const known = fc.record(model, { requiredKeys, noNullPrototype: true });
  const extra = schema.additionalProperties;
  if (extra === undefined || extra === false || Object.keys(properties).length > 0 && extra === true) return known;
  const values = isObject(extra) && Object.keys(extra).length > 0 ? schemaArbitrary(spec, extra, overrides, [...path, '*']) : anyJson;
  const keys = (overrides([...path, '<key>']) ?? fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' })) as fc.Arbitrary<string>;
  return fc.tuple(fc.dictionary(keys, values, { maxKeys: 3, noNullPrototype: true }), known).map(([more, fixed]) => ({ ...more, ...(fixed as object) }));
}

/** Values valid against `schema` (a `$ref` or an inline schema of `spec`). */
export function schemaArbitrary(spec: OpenApiDocument, schema: unknown, overrides: Overrides = () => undefined, path: readonly string[] = []): fc.Arbitrary<unknown> {
  const override = overrides(path);
  if (override) return override;
  const resolved = resolveSchema(spec, schema);
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return fc.constantFrom(...(resolved.enum as unknown[]));
  const types = schemaTypes(resolved);
  if (types.length <= 1) return typedArbitrary(spec, resolved, types[0] ?? (isObject(resolved.properties) ? 'object' : undefined), overrides, path);
  return fc.oneof(...types.map((type) => typedArbitrary(spec, resolved, type, overrides, path)));
}
