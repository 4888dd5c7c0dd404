/**
 * Flexprice's auth middleware, reduced to the API-key path: `x-api-key` must be a known key. There
 * is no JWT here, so a request without a valid key ends as the JWT path would without a token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthorized, type FlexpriceSimulatorError } from './errors';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A check of request headers against the accepted keys; the error to answer with, if any. */
export function createApiKeyCheck(apiKeys: readonly string[]): (headers: IncomingHttpHeaders) => FlexpriceSimulatorError | undefined {
  // Compare digests in constant time so response timing says nothing about a key's prefix.
  const known = apiKeys.map(digest);
  return (headers) => {
    const key = headers['x-api-key'];
    if (typeof key === 'string' && key !== '') {
      const candidate = digest(key);
      let found = false;
      for (const accepted of known) found = timingSafeEqual(candidate, accepted) || found;
      if (found) return undefined;
    }
    const authorization = headers.authorization;
    if (authorization !== undefined && authorization !== '' && !authorization.startsWith('Bearer ')) {
      return unauthorized('Invalid authorization header format');
    }
    return unauthorized();
  };
}
