/**
 * `POST /api/v1/stats/usage/app` once the body has passed the spec: resolve the applications, count
 * their attempts and accept a background task. Decisions where Svix documents nothing:
 * - the range is half-open, `since ≤ t < until`, so back-to-back ranges never count an attempt
 *   twice; `until` before `since` is a 422, equal bounds give zeros;
 * - every resolved application is listed, zero attempts included, so "no traffic" and "unknown app"
 *   stay distinguishable; without `appIds` (absent or null) that is every application, oldest first;
 * - an empty `appIds` resolves nothing and so is the same 422 as ids that all miss.
 */
import type { components } from '../../../generated/svix';
import { computeAppStats } from './aggregate';
import { fieldError } from './errors';
import { ceilingMs, parseInstant } from './instants';
import type { SvixApp, SvixStore } from './store';
import type { AppUsageStatsOut, TaskStore } from './tasks';

export type AppUsageStatsIn = components['schemas']['AppUsageStatsIn'];

function boundOf(body: AppUsageStatsIn, field: 'since' | 'until'): number {
  const instant = parseInstant(body[field]);
  // The spec's date-time check is lenient (it lets 2025-02-30 and 24:00 through); chrono is not.
  if (instant === null) throw fieldError(['body', field], 'input is out of range or not an RFC 3339 date-time', 'value_error.jsondecode');
  return ceilingMs(instant);
}

function resolveApps(store: SvixStore, appIds: string[]): { apps: SvixApp[]; unresolved: string[] } {
  const apps = new Map<string, SvixApp>();
  const unresolved: string[] = [];
  for (const name of appIds) {
    const app = store.resolve(name);
    if (app) {
      if (!apps.has(app.id)) apps.set(app.id, app);
    } else unresolved.push(name);
  }
  return { apps: [...apps.values()], unresolved };
}

/** Validates the range, resolves `appIds`, snapshots the figures and accepts the task. */
export function aggregateAppStats(store: SvixStore, tasks: TaskStore, body: AppUsageStatsIn): AppUsageStatsOut {
  const sinceMs = boundOf(body, 'since');
  const untilMs = boundOf(body, 'until');
  if (untilMs < sinceMs) throw fieldError(['body', 'until'], '`until` must not be before `since`');
  let apps = store.listApps();
  let unresolved: string[] = [];
  if (body.appIds !== undefined && body.appIds !== null) {
    ({ apps, unresolved } = resolveApps(store, body.appIds));
    if (apps.length === 0) {
      const named = body.appIds.length === 0 ? 'appIds is empty' : `none of them were found: ${body.appIds.join(', ')}`;
      throw fieldError(['body', 'appIds'], `No application matches the given IDs or UIDs (${named}).`);
    }
  }
  const appStats = computeAppStats(apps.map((app) => store.statsSubject(app)), sinceMs, untilMs);
  return tasks.accept(appStats, unresolved);
}
