import { svixBaseUrl, svixDefaultBaseUrl } from '../../../src/providers/svix/region';

describe('svixBaseUrl', () => {
  it.each([
    ['testsk_kN3XqE9vJ2wPz.us', 'https://api.us.svix.com'],
    ['testsk_kN3XqE9vJ2wPz.eu', 'https://api.eu.svix.com'],
    ['testsk_kN3XqE9vJ2wPz.in', 'https://api.in.svix.com'],
    ['testsk_kN3XqE9vJ2wPz.ca', 'https://api.ca.svix.com'],
    ['testsk_kN3XqE9vJ2wPz.au', 'https://api.au.svix.com'],
  ])('sends %s to its region', (token, expected) => {
    expect(svixBaseUrl(token)).toStrictEqual(expected);
  });

  it.each([
    ['no suffix', 'testsk_kN3XqE9vJ2wPz'],
    ['an unknown region', 'testsk_kN3XqE9vJ2wPz.de'],
    ['a region in upper case', 'testsk_kN3XqE9vJ2wPz.EU'],
    ['a trailing dot', 'testsk_kN3XqE9vJ2wPz.'],
    ['the region only in the second of three segments (the JS SDK reading)', 'testsk.eu.kN3XqE9vJ2wPz'],
  ])('falls back to api.svix.com for %s', (_case, token) => {
    expect(svixBaseUrl(token)).toStrictEqual('https://api.svix.com');
    expect(svixDefaultBaseUrl).toStrictEqual('https://api.svix.com');
  });

  it('reads the last segment when there are several (Go, Python and Rust)', () => {
    expect(svixBaseUrl('testsk.kN3XqE9vJ2wPz.au')).toStrictEqual('https://api.au.svix.com');
  });

  it('prefers an explicit base URL, without trailing slashes, keeping its path', () => {
    expect(svixBaseUrl('testsk_kN3XqE9vJ2wPz.eu', 'http://127.0.0.1:4010/')).toStrictEqual('http://127.0.0.1:4010');
    expect(svixBaseUrl('testsk_kN3XqE9vJ2wPz.eu', 'http://sandbox.local/svix//')).toStrictEqual('http://sandbox.local/svix');
  });

  it('treats an empty base URL as none', () => {
    expect(svixBaseUrl('testsk_kN3XqE9vJ2wPz.ca', '')).toStrictEqual('https://api.ca.svix.com');
  });
});
