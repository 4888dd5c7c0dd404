/** The header rules of the native passthrough, and its URL checks, unit by unit. */
import { callerResponseHeaders, requestHeaderAllowlist, upstreamRequestHeaders } from '../../src/native/forward-headers';
import { parseNativeUrl } from '../../src/native/native-path';
import { redactBytes, secretNeedles } from '../../src/native/redact';
import type { NativeUpstream } from '../../src/providers/native-registry';

const sequence: NativeUpstream = {
  id: 'seq-eu',
  type: 'sequence',
  spec: 'sequence',
  baseUrl: 'https://eu.sequencehq.com/api',
  credentials: { Authorization: 'Basic c2VjcmV0' },
  defaultHeaders: { 'Sequence-Version': '2024-07-30' },
  secrets: ['c2VjcmV0'],
  timeoutMs: 1000,
};

describe('requestHeaderAllowlist', () => {
  it('is the common headers plus the spec\'s header parameters, never credentials or hop-by-hop headers', () => {
    expect([...requestHeaderAllowlist(['Sequence-Version', 'Authorization', 'Connection', 'X-Api-Key'], sequence)]).toStrictEqual([
      'accept', 'accept-language', 'content-type', 'idempotency-key', 'user-agent', 'sequence-version',
    ]);
  });
});

describe('upstreamRequestHeaders', () => {
  const allowlist = requestHeaderAllowlist(['Sequence-Version'], sequence);

  it('keeps allowed headers, adds defaults the caller left out, and puts the gateway\'s credentials last', () => {
    expect(upstreamRequestHeaders({ accept: 'application/json', authorization: 'Bearer caller-key', cookie: 'a=b', 'x-other': '1' }, allowlist, sequence)).toStrictEqual({
      headers: { accept: 'application/json', 'sequence-version': '2024-07-30', authorization: 'Basic c2VjcmV0' },
    });
  });

  it('refuses a value holding CR, LF or NUL, naming the header (should a proxy in front ever decode one)', () => {
    expect(upstreamRequestHeaders({ 'idempotency-key': 'k\r\nx-api-key: stolen', 'user-agent': 'ua\u0000' }, allowlist, sequence)).toStrictEqual({
      violations: [
        { path: '/headers/idempotency-key', message: 'must not contain CR, LF or NUL characters' },
        { path: '/headers/user-agent', message: 'must not contain CR, LF or NUL characters' },
      ],
    });
  });
});

describe('callerResponseHeaders', () => {
  const context = { requestUrl: 'https://eu.sequencehq.com/api/usage-metrics/m1/calculate', upstream: sequence, nativeBase: '/v1/native/seq-eu' };

  it('passes the meaningful ones, renames the provider\'s request id, drops the rest', () => {
    const headers = new Headers({
      'content-type': 'application/json', 'sequence-version': '2024-07-30', 'x-ratelimit-remaining': '9', 'x-request-id': 'r-1',
      'set-cookie': 'a=b', server: 'nginx', 'content-encoding': 'gzip', connection: 'close',
    });
    expect(callerResponseHeaders(headers, context)).toStrictEqual([
      ['content-type', 'application/json'],
      ['sequence-version', '2024-07-30'],
      ['x-ratelimit-remaining', '9'],
      ['x-upstream-request-id', 'r-1'],
    ]);
  });

  it.each([
    ['https://eu.sequencehq.com/api/usage-metrics/m2', '/v1/native/seq-eu/usage-metrics/m2'],
    ['/api/usage-metrics/m2?x=1', '/v1/native/seq-eu/usage-metrics/m2?x=1'],
    ['https://dashboard.sequencehq.com/metrics', 'https://dashboard.sequencehq.com/metrics'],
    ['/login', '/login'],
  ])('Location %s becomes %s', (location, expected) => {
    expect(callerResponseHeaders(new Headers({ location }), context)).toStrictEqual([['location', expected]]);
  });
});

describe('parseNativeUrl', () => {
  it('splits provider, path and query, leaving the encoding as it was', () => {
    expect(parseNativeUrl('/sequence/usage-metrics/m%201/calculate?customerAliases=a,b&x=%20')).toStrictEqual({
      target: { providerId: 'sequence', path: '/usage-metrics/m%201/calculate', query: 'customerAliases=a,b&x=%20' },
    });
    expect(parseNativeUrl('/svix')).toStrictEqual({ target: { providerId: 'svix', path: '', query: '' } });
  });

  it('names each problem once, in the provider id and in the path', () => {
    expect(parseNativeUrl('/%2E/a/../b/../c%2fd')).toStrictEqual({
      violations: [
        { path: '/path/providerId', message: 'segment "%2E" is a dot segment, which would climb out of the provider\'s API' },
        { path: '/path/nativePath', message: 'segment ".." is a dot segment, which would climb out of the provider\'s API' },
        { path: '/path/nativePath', message: 'segment "c%2fd" holds a slash or backslash' },
      ],
    });
  });
});

describe('redactBytes', () => {
  it('cuts every secret out, raw or JSON-escaped, and leaves other bytes alone', () => {
    const needles = secretNeedles(['s3cr"t', 'tok']);
    const body = Buffer.from(JSON.stringify({ a: 's3cr"t', b: 'tok tok', c: 'safe' }));
    expect(redactBytes(body, needles).toString()).toBe('{"a":"[redacted]","b":"[redacted] [redacted]","c":"safe"}');
    const untouched = Buffer.from('nothing here');
    expect(redactBytes(untouched, needles)).toBe(untouched);
  });
});
