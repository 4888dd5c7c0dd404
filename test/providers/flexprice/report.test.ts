import { GatewayError } from '../../../src/errors';
import { toFlexpriceReport } from '../../../src/providers/flexprice/report';
import type { FlexpriceAnswer, FlexpriceCall } from '../../../src/providers/flexprice/types';
import { fixture, query, usageFixture } from './fixtures';

const answer = (call: FlexpriceCall, name: string): FlexpriceAnswer => ({ call, usage: usageFixture(name), body: fixture(name) });
const context = { provider: 'fp-eu' };

describe('toFlexpriceReport', () => {
  it('reports a count with its event count, no windows, no groups', () => {
    expect(toFlexpriceReport([answer({ customer: undefined, total: false }, 'scalar-count')], query(), context)).toStrictEqual({
      provider: 'fp-eu',
      providerType: 'flexprice',
      metric: 'api_request',
      aggregation: 'count',
      unit: null,
      from: '2024-03-13T00:00:00Z',
      to: '2024-03-20T00:00:00Z',
      value: 1234,
      eventCount: 1234,
      windows: null,
      groups: [],
      status: 'complete',
      warnings: [],
    });
  });

  it('reports no event count for other aggregations and the raw body when asked', () => {
    const unified = query({ aggregation: 'sum', property: 'size', include: ['raw'] });
    const report = toFlexpriceReport([answer({ customer: 'a', total: false }, 'scalar-sum')], unified, context);
    expect([report.aggregation, report.value, report.eventCount, report.raw]).toStrictEqual(['sum', 350, null, fixture('scalar-sum')]);
  });

  it('adds up customers: windows merged by start, one group per customer, every body in raw', () => {
    const unified = query({ windowSize: 'DAY', customers: ['a', 'b'], include: ['raw'] });
    const answers = [answer({ customer: 'a', total: false }, 'windowed-count-day'), answer({ customer: 'b', total: false }, 'windowed-count-day-other')];
    expect(toFlexpriceReport(answers, unified, context)).toStrictEqual({
      provider: 'fp-eu',
      providerType: 'flexprice',
      metric: 'api_request',
      aggregation: 'count',
      unit: null,
      from: '2024-03-13T00:00:00Z',
      to: '2024-03-20T00:00:00Z',
      value: 12,
      eventCount: 12,
      windows: [
        { start: '2024-03-13T00:00:00Z', end: '2024-03-14T00:00:00Z', value: 7 },
        { start: '2024-03-14T00:00:00Z', end: '2024-03-15T00:00:00Z', value: 4 },
        { start: '2024-03-15T00:00:00Z', end: '2024-03-16T00:00:00Z', value: 1 },
      ],
      groups: [
        { key: 'a', value: 3, eventCount: 3 },
        { key: 'b', value: 9, eventCount: 9 },
      ],
      status: 'complete',
      warnings: [],
      raw: [fixture('windowed-count-day'), fixture('windowed-count-day-other')],
    });
  });

  it('pairs a windowed avg with its total and keeps both bodies in raw', () => {
    const unified = query({ aggregation: 'avg', property: 'latency', windowSize: 'DAY', include: ['raw'] });
    const answers = [answer({ customer: undefined, total: false }, 'windowed-avg-day'), answer({ customer: undefined, total: true }, 'total-avg')];
    const report = toFlexpriceReport(answers, unified, context);
    expect([report.value, report.eventCount, report.windows?.length, report.groups, report.raw]).toStrictEqual([
      3.125, null, 2, [], [fixture('windowed-avg-day'), fixture('total-avg')],
    ]);
  });

  it('warns that a grouped bucketed max does not report its groups', () => {
    const unified = query({ aggregation: 'max', property: 'users', bucketSize: 'HOUR', groupBy: 'region', from: '2024-01-15T10:00:00Z', to: '2024-01-15T12:00:00Z' });
    const report = toFlexpriceReport([answer({ customer: undefined, total: false }, 'bucketed-max-grouped')], unified, context);
    expect([report.value, report.groups, report.warnings]).toStrictEqual([
      65,
      [],
      [{ code: 'groups_not_reported', message: 'Flexprice took the max of each group in each bucket and summed them; it does not report the groups themselves' }],
    ]);
  });

  it('refuses answers that disagree on the aggregation applied', () => {
    const unified = query({ aggregation: 'sum', property: 'size', customers: ['a', 'b'] });
    const answers = [answer({ customer: 'a', total: false }, 'scalar-sum'), answer({ customer: 'b', total: false }, 'scalar-count')];
    expect(() => toFlexpriceReport(answers, unified, context)).toThrow(
      new GatewayError('upstream_contract_violation', { detail: 'fp-eu applied different aggregations to the customers of one query' }),
    );
  });
});
