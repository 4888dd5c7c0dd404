/** The Sequence HTTP client: openapi-fetch over the generated paths, with the gateway's upstream fetch. */
import createClient, { type Client } from 'openapi-fetch';
import type { operations, paths } from '../../../generated/sequence';
import { upstreamClientOptions, type Fetch } from '../upstream';

/** The production (EU) API; Sequence's sandbox is `https://sandbox.sequencehq.com/api`. */
export const sequenceDefaultBaseUrl = 'https://eu.sequencehq.com/api';

/**
 * The calculate endpoint exists only from API version 2024-07-30; without the header a key pinned
 * to an older version would not find it, so every call names the version.
 */
export const sequenceApiVersion = '2024-07-30';

export type SequenceClient = Client<paths>;
export type SequenceHeader = operations['getUsageMetricsByUsageMetricIdCalculate']['parameters']['header'];

export interface SequenceClientOptions {
  /** The configured provider id, named in timeout and connection errors. */
  id: string;
  baseUrl?: string | undefined;
  timeoutMs: number;
  fetch?: Fetch | undefined;
}

/** An openapi-fetch client whose calls time out after `timeoutMs` and map network failures. */
export function createSequenceClient(options: SequenceClientOptions): SequenceClient {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? sequenceDefaultBaseUrl,
    ...upstreamClientOptions({ provider: options.id, timeoutMs: options.timeoutMs, fetch: options.fetch }),
  });
}

/**
 * The headers every call carries. The spec declares `Authorization` as a required header
 * parameter (not a security scheme), so it travels in each call's typed `params.header`.
 * Basic auth over `clientId:clientSecret`, as Sequence's authentication page describes.
 */
export function sequenceHeader(clientId: string, clientSecret: string): SequenceHeader {
  const credentials = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
  return { Authorization: `Basic ${credentials}`, 'Sequence-Version': sequenceApiVersion };
}
