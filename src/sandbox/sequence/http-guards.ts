/**
 * What Sequence checks before it reads a request: the API version, then the credentials. Both run
 * ahead of spec validation, which would otherwise reject an unknown version as an enum violation
 * and a missing Authorization header as a missing parameter.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { SequenceApiError } from './api-error';

/** The only version the simulated spec describes (Sequence's latest). */
export const SEQUENCE_VERSION = '2024-07-30';

/**
 * "If the Sequence-Version header is missing, the request defaults to the most recent API version",
 * and every response names the version that handled it; a refused version is answered by the
 * latest too, so the header is set before anything can fail. The older real versions (2024-01-01,
 * 2024-05-09) are refused: their specs have no calculate endpoint and are not simulated.
 */
export const sequenceVersionGuard: RequestHandler = (req, res, next) => {
  res.setHeader('Sequence-Version', SEQUENCE_VERSION);
  const requested = req.headers['sequence-version'];
  if (requested !== undefined && requested !== SEQUENCE_VERSION) {
    throw new SequenceApiError(400, 'UnrecognisedApiVersion', 'No matching API version found. Please make sure the specified API version is valid.');
  }
  next();
};

/** The client credentials one simulated account accepts. */
export interface SequenceCredentials {
  clientId: string;
  clientSecret: string;
}

const digest = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest();

/**
 * `Authorization: Basic base64(clientId:clientSecret)`, as Sequence's docs describe. Sequence does
 * not document its 401 body; [INFERENCE] ours is `{"error":{"type":"Unauthorized",...}}`. The
 * comparison is over digests so its time does not depend on where the secrets differ.
 */
export function basicAuthGuard(credentials: SequenceCredentials): RequestHandler {
  const expected = digest(`${credentials.clientId}:${credentials.clientSecret}`);
  return (req, res, next) => {
    const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(req.headers.authorization ?? '');
    const fail = (message: string) => {
      res.setHeader('WWW-Authenticate', 'Basic realm="Sequence"');
      return new SequenceApiError(401, 'Unauthorized', message);
    };
    if (!match?.[1]) throw fail('Send your API credentials as Authorization: Basic base64(clientId:clientSecret)');
    if (!timingSafeEqual(digest(Buffer.from(match[1], 'base64')), expected)) throw fail('The API credentials are not valid');
    next();
  };
}
