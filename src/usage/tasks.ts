/**
 * Asynchronous queries the gateway answered with 202, kept in the shared state so
 * `GET /v1/usage/tasks/{id}` can poll the provider again from any instance.
 */
import { randomBytes } from 'node:crypto';
import type { TaskStore } from '../state/stores';
import type { UsageQuery, UsageWarning } from './model';
import { stateUnavailable } from './state-errors';

export interface StoredTask {
  providerId: string;
  upstreamTaskId: string;
  query: UsageQuery;
  warnings: readonly UsageWarning[];
}

export interface UsageTasks {
  /** Stores `task` and answers its new id; rejects with `state_unavailable` when it cannot. */
  add(task: StoredTask): Promise<string>;
  /** The task, or undefined when unknown or expired; rejects with `state_unavailable` when unreachable. */
  get(taskId: string): Promise<StoredTask | undefined>;
  /** Tasks still pollable (across instances when the state is shared); rejects when unreachable. */
  count(): Promise<number>;
}

/** How long a task can be polled (Svix keeps its own tasks far longer). */
const TASK_LIFETIME_MS = 24 * 3_600_000;

export function createUsageTasks(store: TaskStore, ttlMs = TASK_LIFETIME_MS): UsageTasks {
  return {
    async add(task) {
      const taskId = `ugt_${randomBytes(16).toString('base64url')}`;
      try {
        await store.put(taskId, task, ttlMs);
      } catch (error) {
        throw stateUnavailable('the task', error);
      }
      return taskId;
    },
    async get(taskId) {
      try {
        // The store answers what add() put: a StoredTask.
        return (await store.get(taskId)) as StoredTask | undefined;
      } catch (error) {
        throw stateUnavailable('the task', error);
      }
    },
    async count() {
      return store.count();
    },
  };
}
