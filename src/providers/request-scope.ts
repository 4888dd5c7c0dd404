/**
 * The one AsyncLocalStorage scope per gateway request. The HTTP layer opens it (src/http/request-scope.ts)
 * and code deep in the call chain reads it: the contract guard adds `Warning`s to the answer
 * (contract-warnings.ts), the provider fetch wrapper parents its span on the request's trace and
 * logs with the request's logger. Outside a scope (a direct adapter call) there is none of that.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from '@opentelemetry/api';

/** Where scoped code logs (a pino child logger with the request's ids fits). */
export interface ScopeLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What one request carries through everything it starts. */
export interface RequestScope {
  /** The `Warning` header values gathered while the request is answered. */
  readonly warnings: string[];
  /** The OpenTelemetry context of the request's server span, when tracing is on. */
  readonly trace: Context | undefined;
  /** The request's logger: its lines carry the request id and trace id. */
  readonly logger: ScopeLogger | undefined;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `run`, and everything it starts, with `scope` as the current request's scope. */
export function runInRequestScope(scope: RequestScope, run: () => void): void {
  storage.run(scope, run);
}

/** The current request's scope, if code runs inside one. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
