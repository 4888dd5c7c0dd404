/**
 * The part of a native request URL after `/v1/native`: which provider, which path on it, which
 * query. The path is forwarded percent-encoded as the caller sent it, so anything that could make
 * the provider resolve it differently than the spec check did is refused first: dot segments
 * (`..`, `%2e%2e`), encoded slashes and backslashes, and control characters.
 */
import type { Violation } from '../errors';

/** Where a native request goes, once its URL passed the checks. */
export interface NativeTarget {
  /** The `{providerId}` segment. */
  providerId: string;
  /** The rest of the path, still percent-encoded, starting with `/` (or empty). */
  path: string;
  /** The query string without its `?`, still percent-encoded (or empty). */
  query: string;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** What is wrong with one path segment, if anything. */
function segmentProblem(segment: string): string | undefined {
  const text = decoded(segment);
  if (text === undefined) return `segment "${segment}" is not valid percent-encoding`;
  if (text === '.' || text === '..') return `segment "${segment}" is a dot segment, which would climb out of the provider's API`;
  if (/[/\\]/.test(text)) return `segment "${segment}" holds a slash or backslash`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(text)) return `segment "${segment}" holds a control character`;
  return undefined;
}

/**
 * Splits `url` (the request URL below `/v1/native`, e.g. `/svix/api/v1/stats/usage/app?x=1`),
 * or names every violation found in it.
 */
export function parseNativeUrl(url: string): { target: NativeTarget } | { violations: Violation[] } {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const [, providerId = '', ...rest] = rawPath.split('/');
  const violations: Violation[] = [];
  const idProblem = segmentProblem(providerId);
  if (idProblem) violations.push({ path: '/path/providerId', message: idProblem });
  // Each distinct problem once: `../..` is one mistake, not two.
  const problems = new Set(rest.map(segmentProblem).filter((problem) => problem !== undefined));
  for (const problem of problems) violations.push({ path: '/path/nativePath', message: problem });
  if (violations.length > 0) return { violations };
  return { target: { providerId, path: rest.length > 0 ? `/${rest.join('/')}` : '', query } };
}
