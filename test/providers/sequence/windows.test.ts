import { GatewayError } from '../../../src/errors';
import { checkSequencePeriod, planSequenceWindows, toSequencePeriod } from '../../../src/providers/sequence/windows';
import { formatInstant, type WindowRange } from '../../../src/usage/windows';
import { sequenceQuery } from './support';

function thrown(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const readable = (windows: WindowRange[] | null) =>
  windows?.map(({ start, end }) => [formatInstant(start), formatInstant(end)]) ?? null;

describe('checkSequencePeriod', () => {
  it('accepts UTC midnights, with or without fractions', () => {
    const query = sequenceQuery({ from: '2024-03-01T00:00:00.000Z', to: '2024-03-02T00:00:00+00:00' });
    expect(checkSequencePeriod(query)).toStrictEqual({ start: Date.parse('2024-03-01T00:00:00Z'), end: Date.parse('2024-03-02T00:00:00Z') });
  });

  it('refuses a from that is not a UTC midnight, suggesting the midnight before it', () => {
    const error = thrown(() => checkSequencePeriod(sequenceQuery({ from: '2024-03-01T10:30:00Z' })));
    expect([error.code, error.status, error.provider, error.detail, error.errors]).toStrictEqual([
      'unsupported_by_provider',
      422,
      'sequence-eu',
      'sequence-eu: Sequence counts whole UTC days: from must be a UTC midnight, e.g. 2024-03-01T00:00:00Z',
      [{ path: '/body/from', message: 'Sequence counts whole UTC days: from must be a UTC midnight, e.g. 2024-03-01T00:00:00Z' }],
    ]);
  });

  it('refuses a local midnight in another offset, suggesting the UTC midnight after a to', () => {
    const error = thrown(() => checkSequencePeriod(sequenceQuery({ to: '2024-04-01T00:00:00+02:00' })));
    expect(error.errors).toStrictEqual([
      { path: '/body/to', message: 'Sequence counts whole UTC days: to must be a UTC midnight, e.g. 2024-04-01T00:00:00Z' },
    ]);
  });

  it('names both bounds when both are off', () => {
    const error = thrown(() => checkSequencePeriod(sequenceQuery({ from: '2024-03-01T00:00:01Z', to: '2024-03-05T23:59:59.999Z' })));
    expect(error.errors.map((violation) => violation.path)).toStrictEqual(['/body/from', '/body/to']);
    expect(error.errors[1]?.message).toStrictEqual('Sequence counts whole UTC days: to must be a UTC midnight, e.g. 2024-03-06T00:00:00Z');
  });
});

describe('toSequencePeriod', () => {
  it('turns the exclusive end into the last day counted', () => {
    expect(toSequencePeriod({ start: Date.parse('2023-12-31T00:00:00Z'), end: Date.parse('2024-03-01T00:00:00Z') })).toStrictEqual({
      periodStart: '2023-12-31',
      periodEnd: '2024-02-29',
    });
  });
});

describe('planSequenceWindows', () => {
  const plan = (overrides: Parameters<typeof sequenceQuery>[0], maxCalls = 100) => {
    const query = sequenceQuery(overrides);
    return readable(planSequenceWindows(query, checkSequencePeriod(query), maxCalls));
  };

  it('plans nothing without a windowSize', () => {
    expect(plan({})).toBeNull();
  });

  it('plans one call per UTC day', () => {
    expect(plan({ from: '2024-02-28T00:00:00Z', to: '2024-03-02T00:00:00Z', windowSize: 'DAY' })).toStrictEqual([
      ['2024-02-28T00:00:00Z', '2024-02-29T00:00:00Z'],
      ['2024-02-29T00:00:00Z', '2024-03-01T00:00:00Z'],
      ['2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'],
    ]);
  });

  it('starts weeks on Sunday and clips the first and last to the period', () => {
    // 2024-03-01 is a Friday; 2024-03-03 and 2024-03-10 are Sundays.
    expect(plan({ from: '2024-03-01T00:00:00Z', to: '2024-03-12T00:00:00Z', windowSize: 'WEEK' })).toStrictEqual([
      ['2024-03-01T00:00:00Z', '2024-03-03T00:00:00Z'],
      ['2024-03-03T00:00:00Z', '2024-03-10T00:00:00Z'],
      ['2024-03-10T00:00:00Z', '2024-03-12T00:00:00Z'],
    ]);
  });

  it('uses calendar months', () => {
    expect(plan({ from: '2024-01-15T00:00:00Z', to: '2024-03-01T00:00:00Z', windowSize: 'MONTH' })).toStrictEqual([
      ['2024-01-15T00:00:00Z', '2024-02-01T00:00:00Z'],
      ['2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'],
    ]);
  });

  it('starts months on the billing anchor day', () => {
    const anchored = { from: '2024-01-01T00:00:00Z', to: '2024-03-20T00:00:00Z', windowSize: 'MONTH', billingAnchor: '2023-06-15T09:00:00Z' } as const;
    expect(plan(anchored)).toStrictEqual([
      ['2024-01-01T00:00:00Z', '2024-01-15T00:00:00Z'],
      ['2024-01-15T00:00:00Z', '2024-02-15T00:00:00Z'],
      ['2024-02-15T00:00:00Z', '2024-03-15T00:00:00Z'],
      ['2024-03-15T00:00:00Z', '2024-03-20T00:00:00Z'],
    ]);
  });

  it('allows windows plus the whole-period call up to maxUpstreamCalls', () => {
    expect(plan({ from: '2024-03-01T00:00:00Z', to: '2024-03-04T00:00:00Z', windowSize: 'DAY' }, 4)).toHaveLength(3);
  });

  it('refuses a plan needing more calls than maxUpstreamCalls', () => {
    const error = thrown(() => plan({ from: '2024-03-01T00:00:00Z', to: '2024-03-04T00:00:00Z', windowSize: 'DAY' }, 3));
    const message =
      'Sequence needs one call per DAY window plus one for the whole period, more than the 3 calls a query may make; ' +
      'ask for a larger windowSize or a shorter period';
    expect([error.code, error.status, error.errors]).toStrictEqual(['limit_exceeded', 422, [{ path: '/body/windowSize', message }]]);
  });
});
