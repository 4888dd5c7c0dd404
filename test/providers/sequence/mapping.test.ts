import { GatewayError } from '../../../src/errors';
import {
  checkSequenceAggregation,
  checkSequenceCustomers,
  toReportAggregation,
  toSequenceCalculateParams,
} from '../../../src/providers/sequence/mapping';
import { readSequenceCalculation } from '../../../src/providers/sequence/response';
import { sequenceFixture, sequenceQuery } from './support';

const march = { start: Date.parse('2024-03-01T00:00:00Z'), end: Date.parse('2024-04-01T00:00:00Z') };
const answer = (name: string) => readSequenceCalculation('sequence-eu', sequenceFixture(name));

function thrown(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('toReportAggregation', () => {
  it.each([
    ['COUNT', 'count'],
    ['SUM', 'sum'],
    ['UNIQUE', 'count_unique'],
    ['CUSTOM', 'custom'],
  ] as const)('maps %s to %s', (sequence, unified) => {
    expect(toReportAggregation(sequence)).toStrictEqual(unified);
  });
});

describe('toSequenceCalculateParams', () => {
  it('sends the metric id, comma-joined aliases and an inclusive end date', () => {
    const query = sequenceQuery({ customers: ['alias-a', 'cust_0184421a', 'Alias B'] });
    expect(toSequenceCalculateParams(query, march)).toStrictEqual({
      path: { usageMetricId: 'metric-1' },
      query: { customerAliases: 'alias-a,cust_0184421a,Alias B', periodStart: '2024-03-01', periodEnd: '2024-03-31' },
    });
  });

  it('covers a single day with equal start and end dates', () => {
    const day = { start: Date.parse('2024-02-29T00:00:00Z'), end: Date.parse('2024-03-01T00:00:00Z') };
    expect(toSequenceCalculateParams(sequenceQuery(), day).query).toStrictEqual({
      customerAliases: 'alias-a',
      periodStart: '2024-02-29',
      periodEnd: '2024-02-29',
    });
  });

  it('sends custom parameters as one JSON object string', () => {
    const query = sequenceQuery({ parameters: { myParam: '10', 'tier rate': '0.25' } });
    expect(toSequenceCalculateParams(query, march).query.customParameters).toStrictEqual('{"myParam":"10","tier rate":"0.25"}');
  });

  it('leaves customParameters out when no parameters are given', () => {
    expect('customParameters' in toSequenceCalculateParams(sequenceQuery({ parameters: {} }), march).query).toBe(false);
    expect('customParameters' in toSequenceCalculateParams(sequenceQuery(), march).query).toBe(false);
  });
});

describe('checkSequenceCustomers', () => {
  it('accepts aliases without commas', () => {
    expect(checkSequenceCustomers(sequenceQuery({ customers: ['a', 'b c', 'd;e'] }))).toBeUndefined();
  });

  it('refuses an alias holding a comma, naming it', () => {
    const error = thrown(() => checkSequenceCustomers(sequenceQuery({ customers: ['a', 'b,c'] })));
    expect([error.code, error.status, error.errors]).toStrictEqual([
      'unsupported_by_provider',
      422,
      [{ path: '/body/customers/1', message: 'Sequence takes customer aliases as one comma-separated list, so an alias cannot contain a comma' }],
    ]);
  });
});

describe('checkSequenceAggregation', () => {
  it('accepts no aggregation or the one the metric applies', () => {
    expect(checkSequenceAggregation(sequenceQuery(), answer('calculate-sum').calculation)).toBeUndefined();
    expect(checkSequenceAggregation(sequenceQuery({ aggregation: 'sum' }), answer('calculate-sum').calculation)).toBeUndefined();
    expect(checkSequenceAggregation(sequenceQuery({ aggregation: 'count_unique' }), answer('calculate-unique-null-unit').calculation)).toBeUndefined();
  });

  it('refuses another aggregation, saying which one the metric uses', () => {
    const error = thrown(() => checkSequenceAggregation(sequenceQuery({ aggregation: 'count' }), answer('calculate-sum').calculation));
    expect([error.code, error.errors]).toStrictEqual([
      'unsupported_by_provider',
      [{ path: '/body/aggregation', message: 'Sequence metric metric-1 aggregates SUM (sum), not count; ask for aggregation sum or omit it' }],
    ]);
  });

  it('tells a caller asking a CUSTOM metric for an aggregation to omit it', () => {
    const error = thrown(() => checkSequenceAggregation(sequenceQuery({ aggregation: 'sum' }), answer('calculate-custom').calculation));
    expect(error.errors).toStrictEqual([
      { path: '/body/aggregation', message: 'Sequence metric metric-1 aggregates CUSTOM (custom), not sum; omit aggregation' },
    ]);
  });
});
