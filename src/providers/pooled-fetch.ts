/**
 * The fetch the gateway reaches providers with: undici's `Agent.request` (an HTTP client built for
 * servers: pooled keep-alive connections, no WHATWG stream machinery per call) behind the `fetch`
 * signature that openapi-fetch, the policies and the native forwarder share. The answer's body is
 * read whole before the Response is made, and kept beside it (bufferedBody), so the layers above
 * (the contract guard, createUpstreamFetch, the native forwarder) read those bytes instead of
 * cloning and re-reading a stream.
 *
 * Redirects are followed as fetch follows them (`redirect: 'follow'`, the default, as openapi-fetch
 * asks); any other mode hands the redirect back as it is (the native passthrough asks for
 * `manual`). Unlike the global fetch it asks for no compression.
 */
import { Agent, interceptors } from 'undici';
import { fetchTarget } from './fetch-request';
import type { Fetch } from './upstream';

const bodies = new WeakMap<Response, Buffer>();

/** The whole body of a response made by a pooled fetch, already read; undefined for any other response. */
export function bufferedBody(response: Response): Buffer | undefined {
  return bodies.get(response);
}

/** A Response over bytes already read, remembered so bufferedBody finds them. */
export function bufferedResponse(body: Buffer, init: ResponseInit): Response {
  const status = init.status ?? 200;
  // Statuses that may carry no body (the Response constructor refuses one).
  const response = new Response([101, 204, 205, 304].includes(status) ? null : body, init);
  bodies.set(response, body);
  return response;
}

type RequestBody = Buffer | Uint8Array | string | null;

async function bodyOf(body: RequestInit['body']): Promise<RequestBody> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // Anything else (a stream, a Blob, form data): let the WHATWG machinery serialise it.
  return Buffer.from(await new Response(body).arrayBuffer());
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

export interface PooledFetch {
  fetch: Fetch;
  /** Closes the pooled connections (on gateway shutdown). */
  close(): Promise<void>;
}

export function createPooledFetch(): PooledFetch {
  // undici's defaults: connections per origin are not capped here (each provider's bulkhead caps
  // its calls in flight) and idle ones close as the server's keep-alive hint says, 4 s without one.
  const agent = new Agent();
  // fetch's own limit of redirects in a row.
  const following = agent.compose(interceptors.redirect({ maxRedirections: 20 }));
  const fetch: Fetch = async (input, init) => {
    // A Request (what openapi-fetch passes when no policy re-made the call) is read as such.
    const { method, url, request, signal } = fetchTarget(input, init);
    const headers = headerRecord(init?.headers ?? request?.headers);
    const body = init?.body !== undefined ? await bodyOf(init.body) : request?.body ? Buffer.from(await request.arrayBuffer()) : null;
    const dispatcher = (init?.redirect ?? request?.redirect ?? 'follow') === 'follow' ? following : agent;
    const answer = await dispatcher.request({ origin: url.origin, path: url.pathname + url.search, method, headers, body, signal });
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    return bufferedResponse(bytes, { status: answer.statusCode, headers: responseHeaders(answer.headers) });
  };
  return { fetch, close: () => agent.close() };
}
