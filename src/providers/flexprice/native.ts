/** What the native passthrough needs to forward a caller's request to Flexprice as the gateway. */
import type { NativeConnection } from '../native-registry';
import { flexpriceAuthHeaders, flexpriceDefaultBaseUrl } from './client';

/** The configured (or sandbox) Flexprice environment, as the passthrough reaches it. */
export interface FlexpriceNativeOptions {
  baseUrl?: string | undefined;
  apiKey: string;
}

/** Flexprice's spec, base URL (the US region by default) and the `x-api-key` the adapter sends too. */
export function flexpriceNative(options: FlexpriceNativeOptions): NativeConnection {
  return {
    spec: 'flexprice',
    baseUrl: options.baseUrl ?? flexpriceDefaultBaseUrl,
    credentials: flexpriceAuthHeaders(options.apiKey),
    defaultHeaders: {},
    secrets: [options.apiKey],
  };
}
