/**
 * Carries contract-guard warnings from an adapter's fetch, deep in the unified API's call chain,
 * to the HTTP response that answers the request: an AsyncLocalStorage scope per gateway request.
 * The HTTP layer opens the scope (src/native/contract-warning-scope.ts) and writes what it holds
 * as `Warning` headers; outside a scope (a direct adapter call) warnings are only logged.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The `Warning` header values gathered while one request is answered. */
export interface ContractWarningScope {
  readonly warnings: string[];
}

const storage = new AsyncLocalStorage<ContractWarningScope>();

/** Runs `run`, and everything it starts, with `scope` as the current request's scope. */
export function runInContractWarningScope(scope: ContractWarningScope, run: () => void): void {
  storage.run(scope, run);
}

/** Adds a warning to the current request's scope, if there is one; a repeated warning is kept once. */
export function addContractWarning(warning: string): void {
  const scope = storage.getStore();
  if (scope && !scope.warnings.includes(warning)) scope.warnings.push(warning);
}
