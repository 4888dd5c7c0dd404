/** The Flexprice HTTP client: openapi-fetch over the generated paths, with the gateway's upstream fetch. */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../../generated/flexprice';
import { upstreamClientOptions, type Fetch } from '../upstream';

/** The US region, index 0 of the spec's servers and the SDK's default. */
export const flexpriceDefaultBaseUrl = 'https://us.api.flexprice.io/v1';

/** A typed client over specs/flexprice.yaml. */
export type FlexpriceClient = Client<paths>;

/** How to reach and sign into one Flexprice environment. */
export interface FlexpriceClientOptions {
  /** The configured provider id, named in timeout and connection errors. */
  id: string;
  baseUrl?: string | undefined;
  apiKey: string;
  timeoutMs: number;
  fetch?: Fetch | undefined;
}

/** How Flexprice authenticates an API key; the adapter and the native passthrough both send it. */
export function flexpriceAuthHeaders(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey };
}

/** An openapi-fetch client that authenticates with `x-api-key` and times out after `timeoutMs`. */
export function createFlexpriceClient(options: FlexpriceClientOptions): FlexpriceClient {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? flexpriceDefaultBaseUrl,
    headers: flexpriceAuthHeaders(options.apiKey),
    ...upstreamClientOptions({ provider: options.id, timeoutMs: options.timeoutMs, fetch: options.fetch }),
  });
}
