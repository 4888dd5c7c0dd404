import { GatewayError } from '../../../src/errors';
import { sequenceErrorMessage, toSequenceCallFailure, toSequenceError } from '../../../src/providers/sequence/errors';
import { sequenceFixture } from './support';

describe('sequenceErrorMessage', () => {
  it.each([
    ['error-validation', 'validationError: Request data validation failed (periodStart: periodStart should be a date; customerAliases should not be blank)'],
    ['error-not-found', 'NotFound: Usage metric 0190a8c2-0000-7000-8000-000000000000 not found'],
    ['error-version', 'UnrecognisedApiVersion: No matching API version found. Please make sure the specified API version is valid.'],
    ['error-database', 'Invalid provided usage metric id; customerAliases: unknown alias'],
  ])('reads %s', (fixture, message) => {
    expect(sequenceErrorMessage(sequenceFixture(fixture))).toStrictEqual(message);
  });

  it('reads an error object with only a message', () => {
    expect(sequenceErrorMessage({ error: { message: 'Bad period' } })).toStrictEqual('Bad period');
  });

  it('reads a plain-text body, collapsing whitespace', () => {
    expect(sequenceErrorMessage('  Bad\n gateway  ')).toStrictEqual('Bad gateway');
  });

  it('caps a long message', () => {
    expect(sequenceErrorMessage('x'.repeat(400))).toStrictEqual(`${'x'.repeat(300)}…`);
  });

  it.each([[undefined], [''], [null], [{}], [[]], [{ error: 'nope' }], [{ errors: [{ key: 'a' }] }], [{ error: { type: '', message: ' ' } }]])(
    'finds nothing in %j',
    (body) => {
      expect(sequenceErrorMessage(body)).toBeUndefined();
    },
  );
});

describe('toSequenceError', () => {
  const response = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

  it('carries the message of a rejected request', () => {
    const error = toSequenceError('sequence-eu', response(400), sequenceFixture('error-database'), []);
    expect([error.code, error.status, error.detail, error.upstreamStatus]).toStrictEqual([
      'upstream_invalid_request',
      422,
      'sequence-eu answered 400: Invalid provided usage metric id; customerAliases: unknown alias',
      400,
    ]);
  });

  it('redacts credentials Sequence might echo', () => {
    const body = { error: { type: 'Unknown', message: 'client s3cr3t-value / czNjcjN0 rejected' } };
    expect(toSequenceError('sequence-eu', response(400), body, ['s3cr3t-value', 'czNjcjN0', '']).detail).toStrictEqual(
      'sequence-eu answered 400: Unknown: client [redacted] / [redacted] rejected',
    );
  });

  it('keeps the status when the body is empty', () => {
    const error = toSequenceError('sequence-eu', response(500), undefined, []);
    expect([error.code, error.status, error.detail, error.retryable]).toStrictEqual(['upstream_error', 502, 'sequence-eu answered 500', true]);
  });
});

describe('toSequenceCallFailure', () => {
  it('passes gateway errors through', () => {
    const original = new GatewayError('upstream_timeout', { detail: 'x' });
    expect(toSequenceCallFailure('sequence-eu', original)).toBe(original);
  });

  it('reads a body that is not JSON as a contract violation', () => {
    const error = toSequenceCallFailure('sequence-eu', new SyntaxError('Unexpected token')) as GatewayError;
    expect([error.code, error.status, error.detail]).toStrictEqual([
      'upstream_contract_violation',
      502,
      'sequence-eu answered 200 outside its specification: the body is not JSON',
    ]);
  });
});
