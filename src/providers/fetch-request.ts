/**
 * What a `fetch(input, init)` call asks for, read the way fetch reads it: `init` wins over a
 * request's own method and signal. Shared by every wrapper around the provider fetch.
 */
import type { Fetch } from './upstream';

/**
 * The request the adapters' openapi-fetch clients make (their `Request` option): what openapi-fetch
 * gives, kept as it is. A WHATWG Request would cost about 17 µs per provider call on Node 20 (a
 * signal of its own following the caller's, a body stream each layer must read back); this keeps
 * the caller's signal and the serialised body, so every attempt of a call can send it again. The
 * fetch the client calls first (createUpstreamFetch, or the policies' fetch) turns it into a plain
 * `fetch(url, init)` call with `plainCall`: no other fetch ever sees one.
 */
export class ProviderRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The body as openapi-fetch serialised it (JSON text), or null. */
  readonly body: RequestInit['body'];
  readonly signal: AbortSignal | undefined;
  readonly redirect: NonNullable<RequestInit['redirect']>;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect ?? 'follow';
  }
}

/** A ProviderRequest as the `(url, init)` of a standard fetch call; any other call as it is. */
export function plainCall(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): [Parameters<Fetch>[0], Parameters<Fetch>[1]] {
  if (!(input instanceof ProviderRequest)) return [input, init];
  return [input.url, { method: input.method, headers: input.headers, body: input.body, redirect: input.redirect, signal: input.signal, ...init }];
}

export interface FetchTarget {
  /** Upper-case method. */
  method: string;
  url: URL;
  /** The Request when the call was given one. */
  request: Request | undefined;
  signal: AbortSignal | undefined;
}

export function fetchTarget(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): FetchTarget {
  const request = input instanceof Request ? input : undefined;
  return {
    method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
    url: new URL(request ? request.url : input instanceof URL ? input.href : input),
    request,
    signal: signalOf(input, init),
  };
}

/** The signal a fetch call runs under: `init`'s, else the request's. */
export function signalOf(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): AbortSignal | undefined {
  return init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
}
