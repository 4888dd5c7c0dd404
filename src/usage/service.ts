/**
 * The usage service: finds the provider, checks the query, and runs it under the query deadline,
 * through the response cache and single-flight, waiting for asynchronous providers with backoff
 * up to the caller's `waitSeconds` (capped by the deadline: then the caller gets the task, 202).
 */
import { GatewayError } from '../errors';
import type { GatewayEvents } from '../events';
import { deadlineFailure, runWithDeadline, startDeadline, untilAborted, type Deadline } from '../policies/deadline';
import { scopeOf } from '../request-scope';
import { createMemoryState } from '../state/memory';
import type { GatewayState } from '../state/stores';
import { checkCapabilities, checkLimits, checkSemantics, type QueryLimits } from './check';
import { createIdempotencyGuard } from './idempotency';
import type { CircuitBreakerStatus, ProviderInfo, UsageQuery, UsageReport, UsageTask } from './model';
import { createQueryCache, type CacheOutcome } from './query-cache';
import { createSingleFlight, type Execution } from './single-flight';
import { createUsageTasks } from './tasks';
import type { QueryOutcome, UsageProvider } from './usage-provider';

export type UsageResult =
  | { kind: 'complete'; report: UsageReport; cache?: CacheOutcome }
  | { kind: 'pending'; task: UsageTask; cache?: CacheOutcome };

export interface UsageServiceOptions {
  providers: readonly UsageProvider[];
  limits: QueryLimits & { queryDeadlineMs?: number };
  /** Tasks, idempotency keys and cached reports (default: in this process's memory). */
  state?: Pick<GatewayState, 'tasks' | 'idempotency' | 'cache'>;
  /** Seconds a complete report is served from the cache; 0 (the default here) turns it off. */
  cacheTtlSeconds?: number;
  /** The circuit breaker of a provider, shown by GET /v1/providers/{id}. */
  breakerStatus?: (providerId: string) => CircuitBreakerStatus | undefined;
  events?: GatewayEvents;
  /** Seconds to wait for an asynchronous provider when the query does not say (default 10). */
  defaultWaitSeconds?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RunOptions {
  signal: AbortSignal;
  idempotencyKey?: string | undefined;
  /** The caller sent `Cache-Control: no-cache`: ask the provider and refresh the cached report. */
  refresh?: boolean;
}

const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 2_000;
const DEFAULT_DEADLINE_MS = 15_000;

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

export function describeProvider(provider: UsageProvider, breaker?: CircuitBreakerStatus): ProviderInfo {
  const info: ProviderInfo = { id: provider.id, type: provider.type, mode: provider.mode, capabilities: provider.capabilities };
  if (breaker) info.circuitBreaker = breaker;
  return info;
}

export function createUsageService(options: UsageServiceOptions) {
  const providers = new Map(options.providers.map((provider) => [provider.id, provider]));
  const state = options.state ?? createMemoryState();
  const tasks = createUsageTasks(state.tasks);
  const idempotency = createIdempotencyGuard(state.idempotency);
  const events = options.events;
  const cache = createQueryCache({
    store: state.cache,
    ttlSeconds: options.cacheTtlSeconds ?? 0,
    onError: (error) => events?.emit('stateError', { store: 'cache', failOpen: true, error }),
  });
  const flights = createSingleFlight<{ result: UsageResult; stored: boolean }>();
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadlineMs = options.limits.queryDeadlineMs ?? DEFAULT_DEADLINE_MS;

  function findProvider(id: string, path: string): UsageProvider {
    const provider = providers.get(id);
    if (provider) return provider;
    const known = [...providers.keys()].join(', ') || 'none';
    throw new GatewayError('provider_not_found', {
      detail: `No provider "${id}" is configured; known: ${known}`,
      errors: [{ path, message: `unknown provider; known: ${known}` }],
    });
  }

  async function pendingResult(provider: UsageProvider, query: UsageQuery, outcome: Extract<QueryOutcome, { kind: 'pending' }>, taskId?: string): Promise<UsageResult> {
    const id = taskId ?? await tasks.add({ providerId: provider.id, upstreamTaskId: outcome.upstreamTaskId, query, warnings: outcome.warnings });
    return {
      kind: 'pending',
      task: { taskId: id, status: 'pending', provider: provider.id, providerType: provider.type, metric: query.metric, from: query.from, to: query.to },
    };
  }

  /**
   * Polls with doubling delays until the task finishes, the caller's wait ends or the deadline
   * passes; a poll the deadline cuts short leaves the task pending (the caller gets 202, not 504).
   */
  async function settle(provider: UsageProvider, query: UsageQuery, outcome: QueryOutcome, waitUntil: number, deadline: Deadline): Promise<QueryOutcome> {
    let delay = FIRST_POLL_MS;
    let current = outcome;
    while (current.kind === 'pending' && provider.poll) {
      const remaining = Math.min(waitUntil - now(), deadline.at - Date.now());
      if (remaining <= 0) break;
      try {
        await sleep(Math.min(delay, remaining), deadline.signal);
        delay = Math.min(delay * 2, MAX_POLL_MS);
        current = await untilAborted(provider.poll({ query, upstreamTaskId: current.upstreamTaskId, warnings: current.warnings, signal: deadline.signal }), deadline.signal);
      } catch (error) {
        if (deadline.expired()) break;
        throw error;
      }
    }
    return current;
  }

  /** `work`, given the deadline's signal and cut short when it aborts: past the deadline, a 504. */
  async function bounded<T>(deadline: Deadline, providerId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await untilAborted(work(deadline.signal), deadline.signal);
    } catch (error) {
      throw deadlineFailure(deadline, providerId, error);
    }
  }

  /**
   * One upstream execution of `query` under a fresh deadline; what single-flight shares. It runs on
   * the deadline's signal, which carries the scope of the request that started it; single-flight
   * aborts the deadline once no caller waits for the answer.
   */
  function execute(provider: UsageProvider, query: UsageQuery, run: RunOptions, cacheKey: string | undefined): Execution<{ result: UsageResult; stored: boolean }> {
    const deadline = startDeadline(deadlineMs, undefined, scopeOf(run.signal)?.request);
    const promise = runWithDeadline(deadline, async () => {
      const started = await bounded(deadline, provider.id, (signal) => provider.query({ query, signal, idempotencyKey: run.idempotencyKey }));
      const waitUntil = now() + (query.waitSeconds ?? options.defaultWaitSeconds ?? 10) * 1000;
      const outcome = await settle(provider, query, started, waitUntil, deadline);
      if (outcome.kind === 'pending') return { result: await pendingResult(provider, query, outcome), stored: false };
      const stored = cacheKey !== undefined && await cache.store(cacheKey, outcome.report);
      return { result: outcome as UsageResult, stored };
    });
    return { promise, abort: deadline.abort };
  }

  return {
    listProviders: (): ProviderInfo[] => [...providers.values()].map((provider) => describeProvider(provider, options.breakerStatus?.(provider.id))),

    getProvider: (id: string): ProviderInfo => {
      const provider = findProvider(id, '/path/providerId');
      return describeProvider(provider, options.breakerStatus?.(provider.id));
    },

    /** How many asynchronous tasks are held for polling. */
    pendingTasks: (): Promise<number> => tasks.count(),

    async query(query: UsageQuery, run: RunOptions): Promise<UsageResult> {
      const provider = findProvider(query.provider, '/body/provider');
      checkSemantics(query);
      checkCapabilities(query, provider.id, provider.capabilities);
      checkLimits(query, options.limits);
      if (run.idempotencyKey !== undefined) await idempotency.check(run.idempotencyKey, query);
      const cacheKey = cache.enabled ? cache.keyOf(query) : undefined;
      if (cacheKey !== undefined && !run.refresh) {
        const hit = await cache.lookup(cacheKey);
        if (hit) {
          events?.emit('cache', { provider: provider.id, outcome: 'hit' });
          return { kind: 'complete', report: hit.report, cache: hit.outcome };
        }
      }
      events?.emit('cache', { provider: provider.id, outcome: cacheKey === undefined ? 'bypass' : run.refresh ? 'refresh' : 'miss' });
      // A refresh never joins a flight that may have started before the caller's no-cache. The
      // flight is the cache key's query with its wait: waitSeconds changes what a flight answers.
      const asked = cacheKey ?? cache.keyOf(query);
      const flightKey = `${run.refresh ? 'refresh' : 'query'}:${asked}:${query.waitSeconds ?? ''}:${run.idempotencyKey ?? ''}`;
      const { result, stored } = await flights.run(flightKey, run.signal, () => execute(provider, query, run, cacheKey));
      const reason = cacheKey === undefined ? 'bypass' : result.kind === 'complete' && run.refresh ? 'request' : 'miss';
      return { ...result, cache: { kind: 'forward', reason, stored } };
    },

    async getTask(taskId: string, run: RunOptions): Promise<UsageResult> {
      const task = await tasks.get(taskId);
      const provider = task && providers.get(task.providerId);
      if (!task || !provider?.poll) {
        throw new GatewayError('task_not_found', {
          detail: `No task "${taskId}": it never existed or expired`,
          errors: [{ path: '/path/taskId', message: 'unknown task' }],
        });
      }
      const poll = provider.poll.bind(provider);
      const deadline = startDeadline(deadlineMs, run.signal);
      const outcome = await runWithDeadline(deadline, () =>
        bounded(deadline, provider.id, (signal) => poll({ query: task.query, upstreamTaskId: task.upstreamTaskId, warnings: task.warnings, signal })));
      const result = outcome.kind === 'complete' ? outcome : await pendingResult(provider, task.query, outcome, taskId);
      // A task's answer is never cached: it is the provider's, fetched now.
      return { ...result, cache: { kind: 'forward', reason: 'bypass', stored: false } };
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
