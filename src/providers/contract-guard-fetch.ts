/**
 * The contract guard on unified paths: the registry wraps each adapter's fetch, so every provider
 * response an adapter reads, error bodies included, is checked against the provider's spec first.
 */
import { contractViolationError, contractWarning, type ContractGuard } from './contract-guard';
import { scopeOf } from '../request-scope';
import { addContractWarning } from './contract-warnings';
import type { NativeUpstream } from './native-registry';
import { fetchTarget } from './fetch-request';
import { bufferedBody } from './pooled-fetch';
import type { Fetch } from './upstream';

/** Where guard findings are logged (a pino logger fits). */
export interface GuardLogger {
  warn(details: object, message: string): void;
}

/** The hook the registry applies to each adapter (RegistryOptions.contractGuard). */
export interface UpstreamGuard {
  /** A fetch for `upstream`'s adapter that checks each response before the adapter reads it. */
  fetch(upstream: Pick<NativeUpstream, 'id' | 'spec' | 'baseUrl'>, fetch: Fetch | undefined): Fetch;
}

/** Builds the guard hooks the registry applies to every adapter. */
export function createUpstreamGuard(options: {
  guard: ContractGuard;
  logger: GuardLogger;
  /** Told of every answer outside the provider's spec (a metrics counter). */
  onViolation?: ((provider: string) => void) | undefined;
}): UpstreamGuard {
  const { guard, logger } = options;
  return {
    fetch(upstream, fetch) {
      const base = fetch ?? globalThis.fetch;
      const basePath = new URL(upstream.baseUrl).pathname.replace(/\/+$/, '');
      return async (input, init) => {
        const response = await base(input, init);
        const { method, url, signal } = fetchTarget(input, init);
        if (!url.pathname.startsWith(`${basePath}/`)) return response;
        const path = url.pathname.slice(basePath.length);
        // The bytes the pooled fetch read, or a clone, so the adapter still reads the body from the response it gets.
        const body = bufferedBody(response)?.toString('utf8') ?? await response.clone().text();
        const violations = guard.check(upstream.spec, { method, path, status: response.status, contentType: response.headers.get('content-type'), body });
        if (violations.length === 0) return response;
        options.onViolation?.(upstream.id);
        // The request's logger when there is one: its lines carry the request and trace ids.
        const scope = scopeOf(signal)?.request;
        (scope?.logger ?? logger).warn({ provider: upstream.id, method, path, status: response.status, violations, mode: guard.mode }, 'provider answered outside its spec');
        if (guard.mode === 'strict') throw contractViolationError(upstream.id, response.status, violations);
        addContractWarning(scope, contractWarning(upstream.id, violations));
        return response;
      };
    },
  };
}
