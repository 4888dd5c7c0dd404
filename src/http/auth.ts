/**
 * Gateway API keys. A key is accepted the way each provider's official client sends its own
 * credential, so those clients authenticate to the gateway unchanged: `Authorization: Bearer KEY`
 * (Svix), `x-api-key: KEY` (Flexprice) or Basic with the key as user name (Sequence).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The key a request presents, if any. */
export function presentedKey(req: Request): string | undefined {
  const apiKey = req.get('x-api-key');
  if (apiKey) return apiKey;
  const authorization = req.get('authorization') ?? '';
  const [scheme, credentials] = authorization.split(' ', 2);
  if (!scheme || !credentials) return undefined;
  if (scheme.toLowerCase() === 'bearer') return credentials;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    return separator === -1 ? decoded : decoded.slice(0, separator);
  }
  return undefined;
}

/**
 * Requires one of `apiKeys` on every request it guards; with none configured it lets all through.
 * Keys are compared as SHA-256 digests in constant time, against every key, so neither the
 * timing nor the position of a match tells anything.
 */
export function requireApiKey(apiKeys: readonly string[]) {
  const expected = apiKeys.map(digest);
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (expected.length === 0) {
      next();
      return;
    }
    const presented = presentedKey(req);
    const candidate = digest(presented ?? '');
    let matched = false;
    for (const key of expected) matched = timingSafeEqual(key, candidate) || matched;
    if (presented !== undefined && matched) {
      next();
      return;
    }
    next(new GatewayError('unauthorized', {
      detail: presented === undefined
        ? 'A gateway API key is required: send it as Authorization: Bearer, x-api-key, or the Basic user name'
        : 'The gateway API key is not valid',
      headers: { 'WWW-Authenticate': 'Bearer realm="usage-gateway"' },
    }));
  };
}
