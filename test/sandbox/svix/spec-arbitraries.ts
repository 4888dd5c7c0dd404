/**
 * fast-check arbitraries read from an OpenAPI schema (the subset specs/svix.yaml uses: $ref,
 * type lists with null, objects with required keys, strings with pattern/length/date-time,
 * arrays with uniqueItems, integers), so property tests send what the provider's spec allows.
 */
import fc from 'fast-check';
import type { OpenApiDocument } from '../../../src/specs';

type Schema = Record<string, unknown>;

/** Valid RFC 3339 date-times in several spellings: Z or an offset, 0–9 fraction digits. */
export function rfc3339(min = Date.UTC(2024, 0, 1), max = Date.UTC(2026, 0, 1)): fc.Arbitrary<string> {
  return fc
    .record({
      ms: fc.integer({ min, max }),
      offsetMinutes: fc.constantFrom(0, 0, 330, -300, 60),
      extraDigits: fc.constantFrom('', '', '000', '500', '123456'),
      zulu: fc.constantFrom('Z', 'z'),
    })
    .map(({ ms, offsetMinutes, extraDigits, zulu }) => {
      const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const magnitude = Math.abs(offsetMinutes);
      const twoDigits = (value: number) => String(value).padStart(2, '0');
      const zone = offsetMinutes === 0 ? zulu : `${sign}${twoDigits(Math.floor(magnitude / 60))}:${twoDigits(magnitude % 60)}`;
      return `${local}${extraDigits}${zone}`;
    });
}

export interface ArbitraryOptions {
  /** Replace the arbitrary of a named component schema (e.g. to mix in known ids). */
  overrides?: Record<string, (fromSpec: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>>;
  dateTime?: fc.Arbitrary<string>;
}

export function arbitraryFor(spec: OpenApiDocument, schema: Schema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const components = (spec.components?.schemas ?? {}) as Record<string, Schema>;
  const build = (node: Schema): fc.Arbitrary<unknown> => {
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/components/schemas/', '');
      const target = components[name];
      if (!target) throw new Error(`unknown $ref ${node.$ref}`);
      const fromSpec = build(target);
      return options.overrides?.[name]?.(fromSpec) ?? fromSpec;
    }
    const types = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
    return fc.oneof(...types.map((type) => (type === 'null' ? fc.constant(null) : buildType(type, node))));
  };
  const buildType = (type: string, node: Schema): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'object': {
        const properties = (node.properties ?? {}) as Record<string, Schema>;
        const shape = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, build(value)]));
        return fc.record(shape, { requiredKeys: (node.required ?? []) as string[] });
      }
      case 'array': {
        const items = build(node.items as Schema);
        const constraints = { minLength: node.minItems as number | undefined, maxLength: Math.min((node.maxItems as number | undefined) ?? 5, 5) };
        return node.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) }) : fc.array(items, constraints);
      }
      case 'string': {
        if (node.format === 'date-time') return options.dateTime ?? rfc3339();
        const minLength = (node.minLength as number | undefined) ?? 0;
        const maxLength = (node.maxLength as number | undefined) ?? 64;
        const base = typeof node.pattern === 'string' ? fc.stringMatching(new RegExp(node.pattern)) : fc.string({ minLength, maxLength });
        return base.filter((text) => text.length >= minLength && text.length <= maxLength);
      }
      case 'integer':
        return fc.integer({ min: (node.minimum as number | undefined) ?? -1e6, max: (node.maximum as number | undefined) ?? 1e6 });
      default:
        throw new Error(`no arbitrary for type ${type}`);
    }
  };
  return build(schema);
}
