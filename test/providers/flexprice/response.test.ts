import { GatewayError } from '../../../src/errors';
import { readFlexpriceUsage } from '../../../src/providers/flexprice/response';
import { fixture, fixtureText } from './fixtures';

function violationOf(text: string | undefined): { code: string; status: number; detail: string; upstreamStatus: number | undefined } {
  try {
    readFlexpriceUsage('flexprice', text);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { code: error.code, status: error.status, detail: error.detail, upstreamStatus: error.upstreamStatus };
  }
  throw new Error('expected a contract violation');
}

describe('readFlexpriceUsage', () => {
  it('reads a bucketed body and keeps the untouched body', () => {
    expect(readFlexpriceUsage('flexprice', fixtureText('bucketed-max-hour'))).toStrictEqual({
      usage: {
        type: 'MAX',
        value: 65,
        results: [
          { window_size: '2024-01-15T10:00:00Z', value: 25 },
          { window_size: '2024-01-15T11:00:00Z', value: 40 },
        ],
      },
      body: fixture('bucketed-max-hour'),
    });
  });

  it('reads the terse body of an empty answer as 0 and no results', () => {
    expect(readFlexpriceUsage('flexprice', fixtureText('scalar-zero')).usage).toStrictEqual({ type: 'COUNT', value: 0, results: [] });
  });

  it('reads null value and results as left out', () => {
    expect(readFlexpriceUsage('flexprice', fixtureText('nulls')).usage).toStrictEqual({ type: 'SUM', value: 0, results: [] });
  });

  it('leaves the type undefined when the body has none', () => {
    expect(readFlexpriceUsage('flexprice', '{"value":2}').usage).toStrictEqual({ type: undefined, value: 2, results: [] });
  });

  it.each([
    [undefined, 'the body is not JSON'],
    ['', 'the body is not JSON'],
    ['<html>bad gateway</html>', 'the body is not JSON'],
    ['"fine"', 'the body is not an object'],
    ['[]', 'the body is not an object'],
    ['{"value":"350","type":"SUM"}', 'value is not a number'],
    ['{"value":1.5,"type":"COUNT"}', 'value is not a whole count'],
    ['{"type":"MEDIAN"}', 'type "MEDIAN" is not an aggregation type'],
    ['{"results":{},"type":"SUM"}', 'results is not an array'],
    ['{"results":[3],"type":"SUM"}', 'results[0] is not an object'],
    ['{"results":[{"value":3}],"type":"SUM"}', 'results[0].window_size is not a timestamp'],
    ['{"results":[{"window_size":"DAY","value":3}],"type":"SUM"}', 'results[0].window_size is not a timestamp'],
    ['{"results":[{"window_size":"2024-03-13T00:00:00Z","value":true}],"type":"SUM"}', 'results[0].value is not a number'],
  ])('refuses %p as a contract violation', (text, problem) => {
    expect(violationOf(text)).toStrictEqual({
      code: 'upstream_contract_violation',
      status: 502,
      detail: `flexprice answered outside its specification: ${problem}`,
      upstreamStatus: 200,
    });
  });
});
