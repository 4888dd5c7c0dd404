/**
 * Asynchronous queries the gateway answered with 202: held in memory so `GET /v1/usage/tasks/{id}`
 * can poll the provider again. A restarted gateway forgets them (the caller re-queries).
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { UsageQuery, UsageWarning } from './model';

export interface StoredTask {
  providerId: string;
  upstreamTaskId: string;
  query: UsageQuery;
  warnings: readonly UsageWarning[];
}

export interface TaskStoreOptions {
  /** How many tasks are kept at most; the oldest go first. */
  maxTasks?: number;
  /** How long a task can be polled, in ms (Svix keeps its own tasks far longer). */
  ttlMs?: number;
}

export interface TaskStore {
  add(task: StoredTask): string;
  get(taskId: string): StoredTask | undefined;
  /** How many tasks are held (a gauge reads it at every metrics scrape). */
  size(): number;
}

export function createTaskStore(options: TaskStoreOptions = {}): TaskStore {
  const tasks = new LRUCache<string, StoredTask>({ max: options.maxTasks ?? 10_000, ttl: options.ttlMs ?? 24 * 3_600_000 });
  return {
    add(task) {
      const taskId = `ugt_${randomBytes(16).toString('base64url')}`;
      tasks.set(taskId, task);
      return taskId;
    },
    get: (taskId) => tasks.get(taskId),
    size: () => {
      tasks.purgeStale();
      return tasks.size;
    },
  };
}
