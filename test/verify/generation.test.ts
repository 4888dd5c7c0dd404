/**
 * The request generation verify relies on: every value schemaArbitrary draws is valid against its
 * schema, and every mutation of a valid body is invalid, by the same Ajv the contract guard uses.
 */
import fc from 'fast-check';
import { createSchemaCompiler } from '../../src/providers/contract-guard-schemas';
import { loadSpec, type SpecName } from '../../src/specs';
import { mutations } from '../../src/verify/mutations';
import { schemaArbitrary } from '../../src/verify/schema-arbitrary';

const requestSchemas: [SpecName, string][] = [
  ['flexprice', 'GetUsageRequest'],
  ['flexprice', 'IngestEventRequest'],
  ['sequence', 'CreateUsageEventRequest'],
  ['svix', 'AppUsageStatsIn'],
];

describe.each(requestSchemas)('%s %s', (name, schemaName) => {
  const spec = loadSpec(name);
  const schema = { $ref: `#/components/schemas/${schemaName}` };
  const validate = createSchemaCompiler().compile({ ...schema, components: spec.components });

  it('generates only values the schema accepts', () => {
    fc.assert(fc.property(schemaArbitrary(spec, schema), (value) => {
      expect([validate(value), validate.errors]).toStrictEqual([true, null]);
    }), { numRuns: 200, seed: 11 });
  });

  it('mutates a valid body into bodies the schema refuses, one broken rule each', () => {
    fc.assert(fc.property(schemaArbitrary(spec, schema) as fc.Arbitrary<Record<string, unknown>>, (value) => {
      const found = mutations(spec, schema, value);
      expect(found.length).toBeGreaterThan(0);
      for (const mutation of found) expect([mutation.description, validate(mutation.body)]).toStrictEqual([mutation.description, false]);
    }), { numRuns: 100, seed: 12 });
  });
});
