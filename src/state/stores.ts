/**
 * The gateway's state, one interface per store. memory.ts keeps it in this process (the default);
 * redis.ts shares it between instances. Both pass the same contract suite
 * (test/state/contract.ts). Values are JSON-serialisable; they never hold a provider or gateway
 * secret. Every method may reject when the backing store is unreachable: callers decide whether
 * to fail open (cache, rate limits) or refuse (tasks, idempotency keys).
 */

/** Asynchronous tasks the gateway answered with 202, so any instance can poll them. */
export interface TaskStore {
  put(taskId: string, task: unknown, ttlMs: number): Promise<void>;
  /** The task as put, or undefined when unknown or expired. */
  get(taskId: string): Promise<unknown>;
  /** How many tasks are held and not expired. */
  count(): Promise<number>;
}

/** Idempotency keys and the fingerprint of the query each was first used with. */
export interface IdempotencyStore {
  /**
   * Records `fingerprint` for `key` unless the key is already held, atomically. Answers the
   * fingerprint already held, or undefined when this call recorded it.
   */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<string | undefined>;
}

export interface CacheEntry {
  value: unknown;
  /** `Date.now()` when stored. */
  storedAt: number;
  /** `Date.now()` when it stops being served. */
  expiresAt: number;
}

/** The unified API's response cache. */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

/** Fixed-window request counters for the inbound rate limit. */
export interface RateLimitStore {
  /**
   * Counts one request for `key` in the current window of `windowMs` (windows start at multiples
   * of `windowMs` since the epoch, so every instance agrees on them). Answers the count so far,
   * this request included, and the ms until the window ends.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

/** Every store, plus what the gateway needs to run and stop them. */
export interface GatewayState {
  readonly tasks: TaskStore;
  readonly idempotency: IdempotencyStore;
  readonly cache: CacheStore;
  readonly rateLimits: RateLimitStore;
  /** Whether the backing store answers now (`/readyz`). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The current fixed window of `windowMs` and the ms until it ends. */
export function currentWindow(windowMs: number, now = Date.now()): { index: number; resetMs: number } {
  const index = Math.floor(now / windowMs);
  return { index, resetMs: (index + 1) * windowMs - now };
}
