/**
 * fast-check arbitraries built from the request schemas of specs/flexprice.yaml, so property tests
 * generate what the spec allows (and, by mutation, what it does not). Covers the schema keywords
 * the Flexprice spec uses: $ref, type, enum, format date-time, required, properties,
 * additionalProperties, items, minItems/maxItems, minLength.
 */
import fc from 'fast-check';
import { loadSpec } from '../../../src/specs';

export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
}

/** Replaces the generator of the field at a path (e.g. `['event_name']`), keeping the spec's shape. */
export type Overrides = (path: readonly string[]) => fc.Arbitrary<unknown> | undefined;

const spec = loadSpec('flexprice') as unknown as { components: { schemas: Record<string, Schema> } };

/** A named schema of the spec's components, `$ref`s resolved. */
export function specSchema(name: string): Schema {
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`no schema ${name} in specs/flexprice.yaml`);
  return schema;
}

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(specSchema(schema.$ref.replace('#/components/schemas/', ''))) : schema;
}

/** RFC 3339 text of an instant seen from a UTC offset, with 0-9 fractional digits. */
export function rfc3339(ms: number, offsetMinutes = 0, fractionDigits = 0): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  if (local.length !== 24) return new Date(ms).toISOString();
  const fraction = fractionDigits === 0 ? '' : `.${`${local.slice(20, 23)}000000`.slice(0, fractionDigits)}`;
  const magnitude = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z'
    : `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(magnitude / 60)).padStart(2, '0')}:${String(magnitude % 60).padStart(2, '0')}`;
  return `${local.slice(0, 19)}${fraction}${zone}`;
}

/** Date-times the spec's format accepts: mostly ones Go reads too, some (lowercase, `+hhmm`, day 31 of a short month) it refuses. */
export function dateTime(min = '0001-01-01T00:00:00Z', max = '9999-12-31T23:59:59Z', formatOnlyWeight = 1): fc.Arbitrary<string> {
  const instant = fc.integer({ min: Date.parse(min), max: Date.parse(max) });
  const goReadable = fc.tuple(instant, fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), fc.constantFrom(0, 0, 3, 6, 9))
    .map(([ms, offset, digits]) => rfc3339(ms, offset, digits));
  const formatOnly = fc.tuple(instant, fc.constantFrom('lower', 'compact-offset', 'bad-day'))
    .map(([ms, variant]) => {
      const text = rfc3339(ms);
      if (variant === 'lower') return text.toLowerCase();
      if (variant === 'compact-offset') return `${text.slice(0, -1)}+0130`;
      return `${text.slice(0, 5)}02-31${text.slice(10)}`;
    });
  return fc.oneof({ arbitrary: goReadable, weight: 6 }, { arbitrary: formatOnly, weight: formatOnlyWeight });
}

/** Values valid against `schema`. */
export function arbitraryFor(schema: Schema, overrides: Overrides = () => undefined, path: readonly string[] = []): fc.Arbitrary<unknown> {
  const override = overrides(path);
  if (override) return override;
  const resolved = resolve(schema);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  switch (resolved.type) {
    case 'string':
      return resolved.format === 'date-time' ? dateTime() : fc.string({ minLength: resolved.minLength ?? 0, maxLength: 12 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'integer':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFor(resolved.items ?? {}, overrides, [...path, '*']), {
        minLength: resolved.minItems ?? 0,
        maxLength: Math.min(resolved.maxItems ?? 4, 4),
      });
    case 'object':
      return objectFor(resolved, overrides, path);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFor(schema: Schema, overrides: Overrides, path: readonly string[]): fc.Arbitrary<unknown> {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryFor(value, overrides, [...path, key])]));
  const known = fc.record(properties, { requiredKeys: schema.required ?? [] });
  const extra = schema.additionalProperties;
  if (extra === undefined || extra === false) return known;
  const values = extra === true ? fc.jsonValue({ maxDepth: 2 }) : arbitraryFor(extra, overrides, [...path, '*']);
  const keys = overrides([...path, '<key>']) ?? fc.string({ maxLength: 8 });
  return fc.tuple(fc.dictionary(keys as fc.Arbitrary<string>, values, { maxKeys: 3 }), known).map(([more, fixed]) => ({ ...more, ...fixed }));
}
