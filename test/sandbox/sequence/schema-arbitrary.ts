/**
 * fast-check arbitraries read from specs/sequence.yaml: values valid for a schema (the subset of
 * OpenAPI 3.0 the spec uses), so property tests follow the spec rather than hand-written shapes.
 */
import fc from 'fast-check';
import { loadSpec } from '../../../src/specs';

export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
}

interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema: Schema;
}

const spec = loadSpec('sequence') as unknown as {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> };
};

/** A component schema by name. */
export function componentSchema(name: string): Schema {
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`specs/sequence.yaml has no schema ${name}`);
  return schema;
}

export function resolve(schema: Schema): Schema {
  return schema.$ref ? componentSchema(schema.$ref.replace('#/components/schemas/', '')) : schema;
}

/** RFC 3339 date-times in every form ajv-formats' full mode accepts (offsets, `t`/space, fractions). */
export const dateTimeText = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }),
    offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
    separator: fc.constantFrom('T', 't', ' '),
    fraction: fc.constantFrom('', '.5', '.123', '.123456'),
    zulu: fc.constantFrom('Z', 'z', '+00:00'),
  })
  .map(({ ms, offsetMinutes, separator, fraction, zulu }) => {
    const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', separator);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const offset = Math.abs(offsetMinutes);
    const zone = offsetMinutes === 0 ? zulu : `${sign}${String(Math.floor(offset / 60)).padStart(2, '0')}:${String(offset % 60).padStart(2, '0')}`;
    return `${local}${fraction}${zone}`;
  });

const text = (minLength = 0) => fc.string({ minLength, maxLength: 12, unit: 'grapheme' });
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** Values valid for `schema`. */
export function schemaArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  const base = ((): fc.Arbitrary<unknown> => {
    if (resolved.enum) return fc.constantFrom(...resolved.enum);
    switch (resolved.type) {
      case 'string':
        return resolved.format === 'date-time' ? dateTimeText : text(resolved.minLength);
      case 'integer':
        return fc.integer({ min: resolved.minimum ?? -1e6, max: resolved.maximum ?? 1e6 });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(schemaArbitrary(resolved.items ?? {}), { maxLength: 3 });
      case 'object':
        return objectArbitrary(resolved);
      default:
        return anyJson;
    }
  })();
  return resolved.nullable ? fc.option(base, { nil: null, freq: 4 }) : base;
}

function objectArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.properties) {
    const model = Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, schemaArbitrary(property)]));
    return fc.record(model, { requiredKeys: schema.required ?? [], noNullPrototype: true });
  }
  const additional = schema.additionalProperties;
  const values = typeof additional === 'object' && Object.keys(additional).length > 0 ? schemaArbitrary(additional) : anyJson;
  return fc.dictionary(text(1), values, { maxKeys: 4, noNullPrototype: true });
}

/** The query parameters an operation declares. */
export function queryParameters(path: string, method: string): Parameter[] {
  const parameters = spec.paths[path]?.[method]?.parameters ?? [];
  return parameters
    .map((parameter) => (parameter.$ref ? spec.components.parameters[parameter.$ref.replace('#/components/parameters/', '')] : parameter))
    .filter((parameter): parameter is Parameter => parameter?.in === 'query');
}

/** Query objects valid for an operation: required parameters always, optional ones sometimes. */
export function queryArbitrary(path: string, method: string): fc.Arbitrary<Record<string, unknown>> {
  const parameters = queryParameters(path, method);
  const model = Object.fromEntries(parameters.map((parameter) => [parameter.name, schemaArbitrary(parameter.schema)]));
  const requiredKeys = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return fc.record(model, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<Record<string, unknown>>;
}

/** The values the spec allows for the Sequence-Version header, or none at all. */
export const versionHeader = fc.option(
  fc.constantFrom(...(resolve(spec.components.parameters['SequenceVersion']?.schema ?? {}).enum as string[])),
  { nil: undefined },
);
