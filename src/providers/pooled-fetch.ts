/**
 * The fetch the gateway reaches providers with: undici's `Agent.request` (an HTTP client built for
 * servers: pooled keep-alive connections, no WHATWG stream machinery per call) behind the `fetch`
 * signature that openapi-fetch, the policies and the native forwarder share. The answer's body is
 * read whole and answered as a BufferedResponse, so the layers above (the contract guard,
 * createUpstreamFetch, the adapter, the native forwarder) read those bytes instead of cloning and
 * re-reading a stream.
 *
 * Redirects are followed as fetch follows them (`redirect: 'follow'`, fetch's default); any other
 * mode hands the redirect back as it is. The gateway's own callers (the adapters' clients, the
 * native passthrough) ask for `manual`: a provider's credentials never follow a redirect.
 * Unlike the global fetch it asks for no compression.
 */
import { Agent, interceptors } from 'undici';
import { fetchTarget } from './fetch-request';
import type { Fetch } from './upstream';

/**
 * A provider's answer with its whole body in memory: the members of Response that the gateway's
 * layers and openapi-fetch read (status, headers, text, json, arrayBuffer, clone), over the bytes
 * the pooled fetch read. Making a WHATWG Response and reading it back through its body stream costs
 * about 12 µs per provider call on Node 20; this costs a Headers object. Reading it never consumes
 * it: every layer (the contract guard, the adapter, the native forwarder) reads the same bytes.
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type: Response['type'] = 'default';
  readonly url = '';
  readonly bodyUsed = false;

  constructor(readonly bytes: Buffer, readonly status: number, readonly headers: Headers, readonly statusText = '') {
    this.ok = status >= 200 && status < 300;
  }

  /** The body as a stream, made only when asked for; none for the statuses that carry none. */
  get body(): ReadableStream<Uint8Array> | null {
    return [101, 204, 205, 304].includes(this.status) ? null : new Response(this.bytes).body;
  }

  text(): Promise<string> {
    return Promise.resolve(this.bytes.toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer);
  }

  blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.bytes], { type: this.headers.get('content-type') ?? '' }));
  }

  clone(): BufferedResponse {
    return this;
  }
}

/** A response the provider fetch produced: a WHATWG Response (an injected fetch) or a buffered one. */
export function isResponse(value: unknown): value is Response {
  return value instanceof BufferedResponse || value instanceof Response;
}

/** The whole body of a response made by a pooled fetch, already read; undefined for any other response. */
export function bufferedBody(response: Response): Buffer | undefined {
  return (response as unknown) instanceof BufferedResponse ? (response as unknown as BufferedResponse).bytes : undefined;
}

/**
 * A Response over bytes already read. Typed as the Response it stands in for: every reader of
 * provider answers goes through the members BufferedResponse has.
 */
export function bufferedResponse(body: Buffer, init: { status: number; statusText?: string; headers: Headers }): Response {
  return new BufferedResponse(body, init.status, init.headers, init.statusText) as unknown as Response;
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
    // A WHATWG Request (from a caller other than the gateway's own layers) is read as such.
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
