/**
 * Gateway API keys. A key is accepted the way each provider's official client sends its own
 * credential, so those clients authenticate to the gateway unchanged: `Authorization: Bearer KEY`
 * (Svix), `x-api-key: KEY` (Flexprice) or Basic with the key as user name (Sequence).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The key a request presents, if any. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const authorization = headers.authorization ?? '';
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

/** What a request's headers say about gateway keys. */
export type KeyVerdict = 'missing' | 'valid' | 'invalid';

/**
 * Checks the key a request presents against `apiKeys`. Keys are compared as SHA-256 digests in
 * constant time, against every key, so neither the timing nor the position of a match tells anything.
 */
export function createKeyCheck(apiKeys: readonly string[]): (headers: IncomingHttpHeaders) => KeyVerdict {
  const expected = apiKeys.map(digest);
  return (headers) => {
    const presented = presentedKey(headers);
    if (presented === undefined) return 'missing';
    const candidate = digest(presented);
    let matched = false;
    for (const key of expected) matched = timingSafeEqual(key, candidate) || matched;
    return matched ? 'valid' : 'invalid';
  };
}

/** Whether request headers present one of `apiKeys` (the sandbox's key exchange asks). */
export function isGatewayKey(apiKeys: readonly string[]): (headers: IncomingHttpHeaders) => boolean {
  const check = createKeyCheck(apiKeys);
  return (headers) => check(headers) === 'valid';
}

/** Requires one of `apiKeys` on every request it guards; with none configured it lets all through. */
export function requireApiKey(apiKeys: readonly string[]) {
  if (apiKeys.length === 0) return (_req: Request, _res: Response, next: NextFunction): void => next();
  const check = createKeyCheck(apiKeys);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const verdict = check(req.headers);
    if (verdict === 'valid') {
      next();
      return;
    }
    next(new GatewayError('unauthorized', {
      detail: verdict === 'missing'
        ? 'A gateway API key is required: send it as Authorization: Bearer, x-api-key, or the Basic user name'
        : 'The gateway API key is not valid',
      headers: { 'WWW-Authenticate': 'Bearer realm="usage-gateway"' },
    }));
  };
}
