/**
 * Background tasks of type `application.stats`. Figures are computed when the task is accepted (a
 * snapshot of the store at that instant); the task reads `running` until `taskDelayMs` has passed
 * on the injected clock and `finished` from then on, with `updatedAt` at the moment it finished.
 * The oldest tasks are forgotten past `maxTasks`, so a long-running sandbox stays bounded.
 */
import type { components } from '../../../generated/svix';
import type { ApplicationStatsOut } from './aggregate';
import { newSvixId, type RandomBytes } from './ids';
import { formatSvixInstant } from './instants';

export type AppUsageStatsOut = components['schemas']['AppUsageStatsOut'];
export type BackgroundTaskOut = components['schemas']['BackgroundTaskOut'];

interface StoredTask {
  id: string;
  acceptedAt: number;
  appStats: ApplicationStatsOut[];
}

/** Where `application.stats` tasks are kept and read back. */
export interface TaskStore {
  /** Accepts a task with precomputed figures; answers the 202 body. */
  accept(appStats: ApplicationStatsOut[], unresolvedAppIds: string[]): AppUsageStatsOut;
  /** The task as `GET /api/v1/background-task/{task_id}` shows it now, if it is known. */
  read(taskId: string): BackgroundTaskOut | undefined;
}

export function createTaskStore(options: { now: () => number; taskDelayMs: number; maxTasks: number; random?: RandomBytes }): TaskStore {
  const tasks = new Map<string, StoredTask>();
  return {
    accept(appStats, unresolvedAppIds) {
      const acceptedAt = options.now();
      const task: StoredTask = { id: newSvixId('qtask', acceptedAt, options.random), acceptedAt, appStats };
      tasks.set(task.id, task);
      for (const oldest of tasks.keys()) {
        if (tasks.size <= options.maxTasks) break;
        tasks.delete(oldest);
      }
      return {
        id: task.id,
        status: 'running',
        task: 'application.stats',
        unresolvedAppIds,
        updatedAt: formatSvixInstant(acceptedAt),
      };
    },
    read(taskId) {
      const task = tasks.get(taskId);
      if (!task) return undefined;
      const finishedAt = task.acceptedAt + options.taskDelayMs;
      if (options.now() < finishedAt) {
        return { data: {}, id: task.id, status: 'running', task: 'application.stats', updatedAt: formatSvixInstant(task.acceptedAt) };
      }
      return {
        data: { appStats: task.appStats.map((stats) => ({ ...stats })) },
        id: task.id,
        status: 'finished',
        task: 'application.stats',
        updatedAt: formatSvixInstant(finishedAt),
      };
    },
  };
}
