/** Where a Svix token's requests go: an explicit base URL, else the region the token names. */

/** The regions Svix serves, each at `https://api.<region>.svix.com`. */
export const svixRegions = ['us', 'eu', 'in', 'ca', 'au'] as const;

/** One of the regions Svix serves. */
export type SvixRegion = (typeof svixRegions)[number];

/** Where a token without a region suffix goes. */
export const svixDefaultBaseUrl = 'https://api.svix.com';

function isSvixRegion(segment: string | undefined): segment is SvixRegion {
  return svixRegions.some((region) => region === segment);
}

/**
 * The base URL for a token. An explicit `baseUrl` wins (trailing slashes dropped, a path prefix
 * kept). Otherwise the token's last dot-separated segment picks the region (`sk_….eu` →
 * `https://api.eu.svix.com`), falling back to `https://api.svix.com`.
 *
 * Svix's SDKs disagree on which segment names the region: the JS SDK reads the second one
 * (`token.split('.')[1]`), the Go, Python and Rust SDKs the last. Real tokens have exactly one dot,
 * where both agree; we follow the majority for tokens with more.
 */
export function svixBaseUrl(token: string, baseUrl?: string): string {
  if (baseUrl !== undefined && baseUrl !== '') return baseUrl.replace(/\/+$/, '');
  const region = token.split('.').at(-1);
  return isSvixRegion(region) ? `https://api.${region}.svix.com` : svixDefaultBaseUrl;
}
