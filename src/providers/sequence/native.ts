/** What the native passthrough needs to forward a caller's request to Sequence as the gateway. */
import type { NativeConnection } from '../native-registry';
import { sequenceApiVersion, sequenceDefaultBaseUrl, sequenceHeader } from './client';

/** The configured (or sandbox) Sequence account, as the passthrough reaches it. */
export interface SequenceNativeOptions {
  baseUrl?: string | undefined;
  clientId: string;
  clientSecret: string;
}

/**
 * Sequence's spec, base URL (production EU by default) and the headers the adapter sends: Basic
 * auth over the client id and secret, and the API version the spec describes (a caller's own
 * `Sequence-Version` is checked against that one version before anything is forwarded).
 */
export function sequenceNative(options: SequenceNativeOptions): NativeConnection {
  const { Authorization } = sequenceHeader(options.clientId, options.clientSecret);
  return {
    spec: 'sequence',
    baseUrl: options.baseUrl ?? sequenceDefaultBaseUrl,
    credentials: { Authorization },
    defaultHeaders: { 'Sequence-Version': sequenceApiVersion },
    secrets: [options.clientSecret, Authorization.slice('Basic '.length)],
  };
}
