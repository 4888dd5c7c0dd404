/**
 * A typed client for apps that call the gateway: openapi-fetch over the types generated from
 * specs/usage-api.yaml, so a request or response that drifts from the spec fails to compile.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/usage-api';

export interface UsageClientOptions {
  /** The gateway's origin, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** A gateway API key, sent as a Bearer token when the gateway requires one. */
  apiKey?: string;
  fetch?: typeof globalThis.fetch;
}

export type UsageClient = Client<paths>;

export function createUsageClient(options: UsageClientOptions): UsageClient {
  const headers: Record<string, string> = {};
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
