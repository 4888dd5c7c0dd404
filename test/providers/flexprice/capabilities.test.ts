import { flexpriceCapabilities } from '../../../src/providers/flexprice/capabilities';
import { loadSpec } from '../../../src/specs';
import { aggregations, windowSizes } from '../../../src/usage/model';

describe('flexpriceCapabilities', () => {
  it('declares every aggregation and window size, and buckets of every size Flexprice accepts', () => {
    const spec = loadSpec('flexprice') as { components: { schemas: Record<string, { enum?: string[] }> } };
    expect(flexpriceCapabilities).toStrictEqual({
      aggregations: [...aggregations],
      windowSizes: [...windowSizes],
      bucketSizes: spec.components.schemas['types.WindowSize']?.enum,
      filters: true,
      groupBy: true,
      async: false,
      customersRequired: false,
      multipleCustomers: true,
    });
  });
});
