/**
 * The fetch every call to one provider goes through, composed in one place for the adapters
 * (registry.ts) and the native passthrough (src/native/). From the network out: telemetry sees
 * every attempt, the contract guard checks every answer (the adapters' only: the native forwarder
 * checks and relays answers itself), each attempt gets the provider's `timeoutMs`, and the
 * provider's policy repeats attempts under the request's deadline.
 */
import type { ProviderPolicy } from '../policies/provider-policy';
import type { UpstreamInstrumentation } from '../telemetry/upstream-fetch';
import type { UpstreamGuard } from './contract-guard-fetch';
import type { NativeUpstream } from './native-registry';
import { createUpstreamFetch, type Fetch } from './upstream';

export interface ProviderFetchOptions {
  upstream: Pick<NativeUpstream, 'id' | 'spec' | 'baseUrl' | 'timeoutMs'>;
  /** The fetch that reaches the network (default: global fetch). */
  fetch: Fetch | undefined;
  instrument?: UpstreamInstrumentation | undefined;
  guard?: UpstreamGuard | undefined;
  /** Absent, each call is tried once. */
  policy?: ProviderPolicy | undefined;
  /** Whether the policy retries any method (the adapters) or only safe ones (the native passthrough). */
  retryAnyMethod: boolean;
}

export function composeProviderFetch(options: ProviderFetchOptions): Fetch {
  const { upstream, instrument, guard, policy } = options;
  const observed = instrument ? instrument.fetch(upstream, options.fetch) : options.fetch;
  const guarded = guard ? guard.fetch(upstream, observed) : observed;
  const attempt = createUpstreamFetch({ provider: upstream.id, timeoutMs: upstream.timeoutMs, fetch: guarded });
  return policy ? policy.wrap(attempt, { retryAnyMethod: options.retryAnyMethod }) : attempt;
}
