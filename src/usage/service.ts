/**
 * The usage service: finds the provider, checks the query, runs it, and waits for asynchronous
 * providers with backoff up to the caller's `waitSeconds`.
 */
import { GatewayError } from '../errors';
import { checkCapabilities, checkLimits, checkSemantics, type QueryLimits } from './check';
import type { ProviderInfo, UsageQuery, UsageReport, UsageTask } from './model';
import { createIdempotencyGuard } from './idempotency';
import { createTaskStore, type TaskStore } from './tasks';
import type { QueryOutcome, UsageProvider } from './usage-provider';

export type UsageResult = { kind: 'complete'; report: UsageReport } | { kind: 'pending'; task: UsageTask };

export interface UsageServiceOptions {
  providers: readonly UsageProvider[];
  limits: QueryLimits;
  tasks?: TaskStore;
  /** Seconds to wait for an asynchronous provider when the query does not say (default 10). */
  defaultWaitSeconds?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RunOptions {
  signal: AbortSignal;
  idempotencyKey?: string | undefined;
}

const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 2_000;

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

export function describeProvider(provider: UsageProvider): ProviderInfo {
  return { id: provider.id, type: provider.type, mode: provider.mode, capabilities: provider.capabilities };
}

export function createUsageService(options: UsageServiceOptions) {
  const providers = new Map(options.providers.map((provider) => [provider.id, provider]));
  const tasks = options.tasks ?? createTaskStore();
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const idempotency = createIdempotencyGuard();

  function findProvider(id: string, path: string): UsageProvider {
    const provider = providers.get(id);
    if (provider) return provider;
    const known = [...providers.keys()].join(', ') || 'none';
    throw new GatewayError('provider_not_found', {
      detail: `No provider "${id}" is configured; known: ${known}`,
      errors: [{ path, message: `unknown provider; known: ${known}` }],
    });
  }

  function pendingResult(provider: UsageProvider, query: UsageQuery, outcome: Extract<QueryOutcome, { kind: 'pending' }>, taskId?: string): UsageResult {
    const id = taskId ?? tasks.add({ providerId: provider.id, upstreamTaskId: outcome.upstreamTaskId, query, warnings: outcome.warnings });
    return {
      kind: 'pending',
      task: { taskId: id, status: 'pending', provider: provider.id, providerType: provider.type, metric: query.metric, from: query.from, to: query.to },
    };
  }

  /** Polls with doubling delays until the task finishes or `deadline` passes. */
  async function settle(provider: UsageProvider, query: UsageQuery, outcome: QueryOutcome, deadline: number, signal: AbortSignal): Promise<QueryOutcome> {
    let delay = FIRST_POLL_MS;
    let current = outcome;
    while (current.kind === 'pending' && provider.poll) {
      const remaining = deadline - now();
      if (remaining <= 0) break;
      await sleep(Math.min(delay, remaining), signal);
      delay = Math.min(delay * 2, MAX_POLL_MS);
      current = await provider.poll({ query, upstreamTaskId: current.upstreamTaskId, warnings: current.warnings, signal });
    }
    return current;
  }

  return {
    listProviders: (): ProviderInfo[] => [...providers.values()].map(describeProvider),

    getProvider: (id: string): ProviderInfo => describeProvider(findProvider(id, '/path/providerId')),

    /** How many asynchronous tasks are held for polling. */
    pendingTasks: (): number => tasks.size(),

    async query(query: UsageQuery, run: RunOptions): Promise<UsageResult> {
      const provider = findProvider(query.provider, '/body/provider');
      checkSemantics(query);
      checkCapabilities(query, provider.id, provider.capabilities);
      checkLimits(query, options.limits);
      if (run.idempotencyKey !== undefined) idempotency.check(run.idempotencyKey, query);
      const waitMs = (query.waitSeconds ?? options.defaultWaitSeconds ?? 10) * 1000;
      const deadline = now() + waitMs;
      const started = await provider.query({ query, signal: run.signal, idempotencyKey: run.idempotencyKey });
      const outcome = await settle(provider, query, started, deadline, run.signal);
      return outcome.kind === 'complete' ? outcome : pendingResult(provider, query, outcome);
    },

    async getTask(taskId: string, run: RunOptions): Promise<UsageResult> {
      const task = tasks.get(taskId);
      const provider = task && providers.get(task.providerId);
      if (!task || !provider?.poll) {
        throw new GatewayError('task_not_found', {
          detail: `No task "${taskId}": it never existed, expired, or was started by another gateway instance`,
          errors: [{ path: '/path/taskId', message: 'unknown task' }],
        });
      }
      const outcome = await provider.poll({ query: task.query, upstreamTaskId: task.upstreamTaskId, warnings: task.warnings, signal: run.signal });
      return outcome.kind === 'complete' ? outcome : pendingResult(provider, task.query, outcome, taskId);
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
