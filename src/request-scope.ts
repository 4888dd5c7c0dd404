/**
 * The scope of one gateway request, carried to every provider call the request makes by the
 * AbortSignal those calls already take. The HTTP layer binds the request's scope to the request's
 * signal; code that makes one signal from another (a deadline, a per-attempt timeout, a fan-out, a
 * flight shared by several callers) passes the scope on with `inheritScope`; code deep in the call
 * chain reads it with `scopeOf(signal)`: the contract guard adds `Warning`s to the answer, the
 * provider fetch wrapper parents its span on the request's trace and logs with the request's
 * logger, the policies find the query's deadline. A signal made outside a request has no scope.
 *
 * Passed explicitly rather than through an AsyncLocalStorage: on Node 20 an AsyncLocalStorage in
 * use runs promise hooks on every promise of every request (measured at 5-15% of the processor
 * time a unified query spends past the HTTP layer).
 */
import type { Context } from '@opentelemetry/api';
import type { Deadline } from './policies/deadline';

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

/** What a signal carries: the request it serves, and the deadline bounding it once one is started. */
export interface SignalScope {
  readonly request?: RequestScope | undefined;
  readonly deadline?: Deadline | undefined;
}

const scopes = new WeakMap<AbortSignal, SignalScope>();

/** Makes `scope` what `signal`, and every signal made from it, carries. */
export function bindScope(signal: AbortSignal, scope: SignalScope): void {
  scopes.set(signal, scope);
}

/** Gives `child`, a signal made from `parent`, the scope `parent` carries. */
export function inheritScope(child: AbortSignal, parent: AbortSignal | null | undefined): void {
  const scope = scopeOf(parent);
  if (scope) scopes.set(child, scope);
}

/** The scope `signal` carries, if it was made within a request. */
export function scopeOf(signal: AbortSignal | null | undefined): SignalScope | undefined {
  return signal ? scopes.get(signal) : undefined;
}
