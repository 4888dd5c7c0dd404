/**
 * Which headers cross the gateway on a native call. Requests: an allowlist (content negotiation,
 * idempotency, the header parameters the provider's spec declares), never the caller's
 * credentials, cookies or hop-by-hop headers, and then the gateway's own credentials for the
 * provider. Responses: the headers that mean something to a client of that provider.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Violation } from '../errors';
import type { NativeUpstream } from '../providers/native-registry';

/** Sent on by every provider's passthrough. */
const commonRequestHeaders = ['accept', 'accept-language', 'content-type', 'idempotency-key', 'user-agent'];

/** Never forwarded, whatever a spec declares: credentials, cookies, hop-by-hop, proxy and trace headers. */
const neverForwarded = new Set([
  'authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie',
  'connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection',
  'host', 'content-length', 'expect', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'via',
  // The gateway continues the caller's trace and sends its own span's context (src/telemetry/upstream-fetch.ts).
  'traceparent', 'tracestate',
]);

/** The provider headers a client reads: content, caching, retries, redirects, versions, rate limits. */
const responseHeaders = new Set([
  'content-type', 'content-language', 'cache-control', 'etag', 'last-modified', 'expires',
  'retry-after', 'location', 'sequence-version', 'ratelimit', 'ratelimit-policy', 'ratelimit-limit',
  'ratelimit-remaining', 'ratelimit-reset', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
]);

/**
 * The provider's request id. The gateway's own `X-Request-Id` names the gateway request, so the
 * provider's comes back under another name rather than replacing it.
 */
const upstreamRequestIdHeaders = new Set(['x-request-id', 'request-id', 'svix-req-id']);

/** The request headers to forward for one provider: the common ones plus its spec's header parameters. */
export function requestHeaderAllowlist(specHeaderNames: readonly string[], upstream: NativeUpstream): Set<string> {
  const credentials = new Set(Object.keys(upstream.credentials).map((name) => name.toLowerCase()));
  const names = [...commonRequestHeaders, ...specHeaderNames.map((name) => name.toLowerCase())];
  return new Set(names.filter((name) => !neverForwarded.has(name) && !credentials.has(name)));
}

// eslint-disable-next-line no-control-regex -- CR, LF and NUL are how header injection is attempted
const injection = /[\r\n\u0000]/;

/**
 * The headers of the upstream request, or the violations that stop it. Node's HTTP parser already
 * refuses raw CR/LF in header values; a value that still holds one (decoded by a proxy in front,
 * say) is refused by name here rather than trusted to fetch.
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  allowlist: ReadonlySet<string>,
  upstream: NativeUpstream,
): { headers: Record<string, string> } | { violations: Violation[] } {
  const headers: Record<string, string> = {};
  const violations: Violation[] = [];
  for (const name of allowlist) {
    const value = incoming[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (injection.test(text)) violations.push({ path: `/headers/${name}`, message: 'must not contain CR, LF or NUL characters' });
    else headers[name] = text;
  }
  if (violations.length > 0) return { violations };
  for (const [name, value] of Object.entries(upstream.defaultHeaders)) {
    if (headers[name.toLowerCase()] === undefined) headers[name.toLowerCase()] = value;
  }
  for (const [name, value] of Object.entries(upstream.credentials)) headers[name.toLowerCase()] = value;
  return { headers };
}

/**
 * The provider's `Location`, pointed at the gateway when it names a URL under the provider's API
 * root; any other location is passed on as the provider sent it.
 */
function gatewayLocation(location: string, requestUrl: string, upstream: NativeUpstream, nativeBase: string): string {
  let absolute: URL;
  try {
    absolute = new URL(location, requestUrl);
  } catch {
    return location;
  }
  const root = new URL(`${upstream.baseUrl}/`);
  if (absolute.origin !== root.origin || !absolute.pathname.startsWith(root.pathname)) return location;
  return `${nativeBase}/${absolute.pathname.slice(root.pathname.length)}${absolute.search}`;
}

/** The response headers to answer with, in the provider's order. */
export function callerResponseHeaders(
  upstreamHeaders: Headers,
  context: { requestUrl: string; upstream: NativeUpstream; nativeBase: string },
): [string, string][] {
  const forwarded: [string, string][] = [];
  for (const [name, value] of upstreamHeaders) {
    if (upstreamRequestIdHeaders.has(name)) forwarded.push(['x-upstream-request-id', value]);
    else if (name === 'location') forwarded.push([name, gatewayLocation(value, context.requestUrl, context.upstream, context.nativeBase)]);
    else if (responseHeaders.has(name)) forwarded.push([name, value]);
  }
  return forwarded;
}
