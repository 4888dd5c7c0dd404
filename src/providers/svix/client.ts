/** The typed HTTP client for the Svix API subset in specs/svix.yaml. */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../../generated/svix';
import { upstreamClientOptions, type Fetch } from '../upstream';

/** An openapi-fetch client typed by specs/svix.yaml. */
export type SvixClient = Client<paths>;

/** Where and as whom the client talks to Svix. */
export interface SvixClientOptions {
  /** The configured provider id, named in timeout and connection errors. */
  provider: string;
  baseUrl: string;
  /** The Svix API token, sent as `Authorization: Bearer <token>`. */
  token: string;
  timeoutMs: number;
  fetch?: Fetch | undefined;
}

/** How Svix authenticates a token; the adapter and the native passthrough both send it. */
export function svixAuthHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** An openapi-fetch client for Svix with Bearer auth and the gateway's timeout and network-error mapping. */
export function createSvixClient(options: SvixClientOptions): SvixClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { ...svixAuthHeaders(options.token), Accept: 'application/json' },
    ...upstreamClientOptions({ provider: options.provider, timeoutMs: options.timeoutMs, fetch: options.fetch }),
  });
}
