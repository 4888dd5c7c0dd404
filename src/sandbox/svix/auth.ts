/**
 * `Authorization: Bearer <token>` against the configured tokens. Tokens are compared as SHA-256
 * digests in constant time, and no answer or error ever repeats the token it was given.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { httpError } from './errors';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function bearerAuth(tokens: readonly string[]): RequestHandler {
  const accepted = tokens.map(digest);
  return (req, _res, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      next(httpError(401, 'authentication_failed', 'Missing or malformed Authorization header: expected `Bearer <token>`.'));
      return;
    }
    const offered = digest(match[1]);
    // Every token is compared, so the time taken does not tell which one came close.
    const known = accepted.reduce((found, token) => timingSafeEqual(token, offered) || found, false);
    next(known ? undefined : httpError(401, 'authentication_failed', 'Incorrect authentication credentials.'));
  };
}
