import { flexpriceError, readFlexpriceErrorMessage } from '../../../src/providers/flexprice/errors';
import { fixture } from './fixtures';

describe('readFlexpriceErrorMessage', () => {
  it.each([
    ['error-validation', 'The specified aggregation type is not supported (aggregation_type: FOO)'],
    ['error-bind', 'Please check the request payload'],
    ['error-legacy', 'Multiplier must be greater than zero'],
    ['error-unauthorized', 'Unauthorized'],
    ['error-forbidden', 'Access denied: Invalid or inaccessible environment'],
    ['error-database', 'Failed to execute usage query (aggregation_type: SUM, event_name: api_request)'],
  ])('reads %s', (name, message) => {
    expect(readFlexpriceErrorMessage(fixture(name))).toStrictEqual(message);
  });

  it('reads plain text and nested details', () => {
    expect(readFlexpriceErrorMessage('404 page not found\n')).toBe('404 page not found');
    expect(readFlexpriceErrorMessage({ message: 'bad', details: { range: { from: 1 } } })).toBe('bad (range: {"from":1})');
  });

  it.each([[undefined], [''], [null], [42], [[]], [{}], [{ message: '  ' }]])('finds nothing in %p', (body) => {
    expect(readFlexpriceErrorMessage(body)).toBeUndefined();
  });
});

describe('flexpriceError', () => {
  const response = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

  it('carries the message of a 400 as upstream_invalid_request', () => {
    const error = flexpriceError('fp', response(400), fixture('error-validation'), 'key');
    expect([error.code, error.status, error.detail, error.upstreamStatus, error.retryable]).toStrictEqual([
      'upstream_invalid_request', 422, 'fp answered 400: The specified aggregation type is not supported (aggregation_type: FOO)', 400, false,
    ]);
  });

  it('cuts the API key out of whatever the provider said', () => {
    const error = flexpriceError('fp', response(400), { message: 'key fp_secret_123 is not valid for fp_secret_123' }, 'fp_secret_123');
    expect(error.detail).toBe('fp answered 400: key [redacted] is not valid for [redacted]');
  });

  it('shortens a very long message', () => {
    const error = flexpriceError('fp', response(500), 'x'.repeat(2_000), 'key');
    expect(error.detail).toBe(`fp answered 500: ${'x'.repeat(500)}…`);
  });

  it('keeps the retry hint of a 429', () => {
    const error = flexpriceError('fp', response(429, { 'retry-after': '7' }), fixture('error-rate-limited'), 'key');
    expect([error.code, error.status, error.headers, error.retryable]).toStrictEqual(['upstream_rate_limited', 503, { 'Retry-After': '7' }, true]);
  });
});
