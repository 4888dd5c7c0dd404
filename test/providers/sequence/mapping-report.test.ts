import { fromSequenceResponse } from '../../../src/providers/sequence/mapping';
import { readSequenceCalculation } from '../../../src/providers/sequence/response';
import { sequenceFixture, sequenceQuery } from './support';

const answer = (name: string) => readSequenceCalculation('sequence-eu', sequenceFixture(name));
const base = {
  provider: 'sequence-eu',
  providerType: 'sequence',
  metric: 'metric-1',
  from: '2024-03-01T00:00:00Z',
  to: '2024-04-01T00:00:00Z',
  groups: [],
  status: 'complete',
} as const;

describe('fromSequenceResponse', () => {
  it('maps a SUM answer with its unit and event count', () => {
    expect(fromSequenceResponse(answer('calculate-sum'), sequenceQuery(), null)).toStrictEqual({
      ...base, aggregation: 'sum', unit: 'bytes', value: 150.035, eventCount: 5, windows: null, warnings: [],
    });
  });

  it('reports a missing unit as null', () => {
    expect(fromSequenceResponse(answer('calculate-count-no-unit'), sequenceQuery(), null)).toStrictEqual({
      ...base, aggregation: 'count', unit: null, value: 42, eventCount: 42, windows: null, warnings: [],
    });
  });

  it('keeps a reported zero and a null unit', () => {
    expect(fromSequenceResponse(answer('calculate-unique-null-unit'), sequenceQuery(), null)).toStrictEqual({
      ...base, aggregation: 'count_unique', unit: null, value: 0, eventCount: 0, windows: null, warnings: [],
    });
  });

  it('reports a CUSTOM metric as custom, with no warning for its parameters', () => {
    const query = sequenceQuery({ parameters: { myParam: '10' } });
    expect(fromSequenceResponse(answer('calculate-custom'), query, null)).toStrictEqual({
      ...base, aggregation: 'custom', unit: 'GB-months', value: 37.5, eventCount: 12, windows: null, warnings: [],
    });
  });

  it('warns when parameters were given for a metric that is not CUSTOM', () => {
    const query = sequenceQuery({ parameters: { myParam: '10', other: '2' } });
    expect(fromSequenceResponse(answer('calculate-sum'), query, null).warnings).toStrictEqual([
      {
        code: 'parameters_ignored',
        message: 'Sequence applies parameters only to CUSTOM metrics; metric metric-1 aggregates SUM, so myParam, other had no effect',
      },
    ]);
  });

  it('includes the untouched body as raw when asked', () => {
    const body = sequenceFixture('calculate-sum');
    const report = fromSequenceResponse(readSequenceCalculation('sequence-eu', body), sequenceQuery({ include: ['raw'] }), null);
    expect(report.raw).toBe(body);
    expect(report.raw).toStrictEqual(sequenceFixture('calculate-sum'));
  });

  it('takes the total from the whole period and the windows from their own answers', () => {
    const whole = readSequenceCalculation('sequence-eu', { ...(sequenceFixture('calculate-unique-null-unit') as object), value: 5, eventCount: 15 });
    const first = readSequenceCalculation('sequence-eu', { ...(sequenceFixture('calculate-unique-null-unit') as object), value: 3, eventCount: 9 });
    const second = readSequenceCalculation('sequence-eu', { ...(sequenceFixture('calculate-unique-null-unit') as object), value: 4, eventCount: 6 });
    const windows = [
      { range: { start: Date.parse('2024-03-01T00:00:00Z'), end: Date.parse('2024-03-03T00:00:00Z') }, answer: first },
      { range: { start: Date.parse('2024-03-03T00:00:00Z'), end: Date.parse('2024-03-10T00:00:00Z') }, answer: second },
    ];
    const query = sequenceQuery({ windowSize: 'WEEK', include: ['raw'] });
    expect(fromSequenceResponse(whole, query, windows)).toStrictEqual({
      ...base,
      aggregation: 'count_unique',
      unit: null,
      value: 5,
      eventCount: 15,
      windows: [
        { start: '2024-03-01T00:00:00Z', end: '2024-03-03T00:00:00Z', value: 3 },
        { start: '2024-03-03T00:00:00Z', end: '2024-03-10T00:00:00Z', value: 4 },
      ],
      warnings: [],
      raw: [whole.body, first.body, second.body],
    });
  });

  it('leaves out windows in which no event fell, as Flexprice does', () => {
    const whole = readSequenceCalculation('sequence-eu', { ...(sequenceFixture('calculate-unique-null-unit') as object), value: 3, eventCount: 9 });
    const empty = readSequenceCalculation('sequence-eu', sequenceFixture('calculate-unique-null-unit'));
    const full = readSequenceCalculation('sequence-eu', { ...(sequenceFixture('calculate-unique-null-unit') as object), value: 3, eventCount: 9 });
    const windows = [
      { range: { start: Date.parse('2024-03-01T00:00:00Z'), end: Date.parse('2024-03-02T00:00:00Z') }, answer: empty },
      { range: { start: Date.parse('2024-03-02T00:00:00Z'), end: Date.parse('2024-03-03T00:00:00Z') }, answer: full },
    ];
    expect(fromSequenceResponse(whole, sequenceQuery({ windowSize: 'DAY' }), windows).windows).toStrictEqual([
      { start: '2024-03-02T00:00:00Z', end: '2024-03-03T00:00:00Z', value: 3 },
    ]);
  });
});
