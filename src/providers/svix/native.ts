/** What the native passthrough needs to forward a caller's request to Svix as the gateway. */
import type { NativeConnection } from '../native-registry';
import { svixAuthHeaders } from './client';
import { svixBaseUrl } from './region';

/** The configured (or sandbox) Svix environment, as the passthrough reaches it. */
export interface SvixNativeOptions {
  baseUrl?: string | undefined;
  token: string;
}

/** Svix's spec, the base URL the token's region implies (or the configured one) and Bearer auth. */
export function svixNative(options: SvixNativeOptions): NativeConnection {
  return {
    spec: 'svix',
    baseUrl: svixBaseUrl(options.token, options.baseUrl),
    credentials: svixAuthHeaders(options.token),
    defaultHeaders: {},
    secrets: [options.token],
  };
}
