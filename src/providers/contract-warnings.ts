/**
 * Carries contract-guard warnings from an adapter's fetch, deep in the unified API's call chain,
 * to the HTTP response that answers the request, through the request's scope (src/request-scope.ts).
 * The HTTP layer writes what the scope holds as `Warning` headers; outside a scope (a direct
 * adapter call) warnings are only logged.
 */
import type { RequestScope } from '../request-scope';

/** Adds a warning to the request's scope, if there is one; a repeated warning is kept once. */
export function addContractWarning(scope: RequestScope | undefined, warning: string): void {
  if (scope && !scope.warnings.includes(warning)) scope.warnings.push(warning);
}
