import { readSvixErrorMessage, svixError, svixTaskFailed, svixTransportError } from '../../../src/providers/svix/errors';
import { GatewayError } from '../../../src/errors';
import validation from '../../fixtures/svix/error-validation.json';
import httpError from '../../fixtures/svix/error-http.json';
import { viewError } from './support';

describe('readSvixErrorMessage', () => {
  it.each([
    ['HTTPValidationError msg texts', validation, 'None of the given app IDs or UIDs were found; until must be after since'],
    ['HttpErrorOut detail with its code', httpError, 'The requested range is too long (validation)'],
    ['a detail without code', { detail: 'Entity not found' }, 'Entity not found'],
    ['a code without detail', { code: 'not_found' }, 'not_found'],
    ['validation items without msg', { detail: [{ loc: ['body'] }] }, undefined],
    ['an empty body', undefined, undefined],
    ['an empty text', '  ', undefined],
    ['an array', [1, 2], undefined],
    ['a text body, trimmed', ' upstream connect error \n', 'upstream connect error'],
  ])('reads %s', (_case, body, expected) => {
    expect(readSvixErrorMessage(body)).toStrictEqual(expected);
  });

  it('quotes at most 200 characters of a text body', () => {
    expect(readSvixErrorMessage('x'.repeat(500))).toStrictEqual('x'.repeat(200));
  });
});

describe('svixError', () => {
  const token = 'testsk_kN3XqE9vJ2wPz.eu';

  it('cuts the token out of the provider message', () => {
    const response = new Response(null, { status: 400 });
    const error = svixError('svix', response, { code: 'bad', detail: `Bearer ${token} is malformed` }, token);
    expect(error.detail).toStrictEqual('svix answered 400: Bearer [redacted] is malformed (bad)');
  });

  it('maps a 409 to upstream_invalid_request', () => {
    const error = svixError('svix', new Response(null, { status: 409 }), { code: 'conflict', detail: 'Already exists' }, token);
    expect(viewError(error)).toStrictEqual({
      code: 'upstream_invalid_request',
      status: 422,
      detail: 'svix answered 409: Already exists (conflict)',
      errors: [],
      provider: 'svix',
      upstreamStatus: 409,
      retryable: false,
      headers: {},
    });
  });
});

describe('svixTaskFailed', () => {
  it('is a 502 that no retry can help', () => {
    expect(viewError(svixTaskFailed('svix', 'qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw'))).toStrictEqual({
      code: 'upstream_task_failed',
      status: 502,
      detail: 'svix: background task qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw failed',
      errors: [],
      provider: 'svix',
      upstreamStatus: undefined,
      retryable: false,
      headers: {},
    });
  });
});

describe('svixTransportError', () => {
  it('passes gateway errors through', () => {
    const original = new GatewayError('upstream_unavailable', { detail: 'svix cannot be reached', provider: 'svix' });
    expect(svixTransportError('svix', original)).toBe(original);
  });

  it('maps a body that is not JSON to a contract violation', () => {
    const mapped = svixTransportError('svix', new SyntaxError('Unexpected token <')) as GatewayError;
    expect([mapped.code, mapped.status, mapped.detail, mapped.retryable]).toStrictEqual(['upstream_contract_violation', 502, 'svix: answered with a body that is not JSON', false]);
  });
});
