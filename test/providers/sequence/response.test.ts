import { GatewayError } from '../../../src/errors';
import { readSequenceCalculation } from '../../../src/providers/sequence/response';
import { sequenceFixture } from './support';

function thrown(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('readSequenceCalculation', () => {
  it('reads the figures and keeps the body itself', () => {
    const body = sequenceFixture('calculate-sum');
    const answer = readSequenceCalculation('sequence-eu', body);
    expect(answer.body).toBe(body);
    expect(answer.calculation).toStrictEqual(sequenceFixture('calculate-sum'));
  });

  it('accepts a body without the optional fields', () => {
    expect(readSequenceCalculation('sequence-eu', { aggregationType: 'COUNT', eventCount: 0, value: 0 }).calculation).toStrictEqual({
      aggregationType: 'COUNT',
      eventCount: 0,
      value: 0,
    });
  });

  it.each([
    [{ aggregationType: 'MAX', eventCount: 1, value: 1 }, '/aggregationType'],
    [{ aggregationType: 'SUM', eventCount: 1.5, value: 1 }, '/eventCount'],
    [{ aggregationType: 'SUM', eventCount: 1, value: '1' }, '/value'],
    [{ aggregationType: 'SUM', eventCount: 1, value: 1, unit: 7 }, '/unit'],
    [{ aggregationType: 'SUM', eventCount: 1 }, '/value'],
  ])('refuses %j as a contract violation naming %s', (body, field) => {
    const error = thrown(() => readSequenceCalculation('sequence-eu', body));
    expect([error.code, error.status, error.upstreamStatus, error.retryable]).toStrictEqual(['upstream_contract_violation', 502, 200, false]);
    expect(error.detail.startsWith(`sequence-eu answered 200 outside its specification: ${field}: `)).toBe(true);
  });

  it('refuses an empty body', () => {
    const error = thrown(() => readSequenceCalculation('sequence-eu', undefined));
    expect(error.code).toStrictEqual('upstream_contract_violation');
  });
});
