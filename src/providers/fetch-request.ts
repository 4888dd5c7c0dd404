/**
 * What a `fetch(input, init)` call asks for, read the way fetch reads it: `init` wins over a
 * Request's own method and signal. Shared by every wrapper around the provider fetch.
 */
import type { Fetch } from './upstream';

export interface FetchTarget {
  /** Upper-case method. */
  method: string;
  url: URL;
  /** The Request when the call was given one (openapi-fetch passes one). */
  request: Request | undefined;
  signal: AbortSignal | undefined;
}

export function fetchTarget(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): FetchTarget {
  const request = input instanceof Request ? input : undefined;
  return {
    method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
    url: new URL(request ? request.url : input instanceof URL ? input.href : input),
    request,
    signal: init?.signal ?? request?.signal ?? undefined,
  };
}
