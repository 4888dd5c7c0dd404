/** The unified query to Svix's app-stats request, and Svix's answers back to the unified report. Pure. */
import type { components } from '../../../generated/svix';
import type { UsageGroup, UsageQuery, UsageReport, UsageWarning } from '../../usage/model';
import { svixContractViolation } from './errors';
import { isRecord } from './json';
import { readSvixAppStats } from './task';

type AppUsageStatsIn = components['schemas']['AppUsageStatsIn'];

/** The body of POST /api/v1/stats/usage/app. Without `appIds` Svix counts every app in the environment. */
export function toSvixStatsRequest(query: UsageQuery): AppUsageStatsIn {
  const request = { since: query.from, until: query.to } satisfies AppUsageStatsIn;
  return query.customers === undefined ? request : ({ ...request, appIds: [...query.customers] } satisfies AppUsageStatsIn);
}

/** What the 202 of POST /api/v1/stats/usage/app tells the gateway. */
export interface SvixAcceptedTask {
  /** The background task (`qtask_…`) to poll. */
  taskId: string;
  /** One `unresolved_app_ids` warning when Svix did not find some of the asked apps. */
  warnings: UsageWarning[];
}

/** Reads the 202 body (AppUsageStatsOut). */
export function fromSvixAcceptedResponse(body: unknown, provider: string): SvixAcceptedTask {
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') {
    throw svixContractViolation(provider, 'the accepted stats task has no id');
  }
  // Svix has sent unresolvedAppIds since 2024-11; an older answer without it resolved every id.
  const unresolved = body.unresolvedAppIds ?? [];
  if (!Array.isArray(unresolved) || !unresolved.every((item): item is string => typeof item === 'string')) {
    throw svixContractViolation(provider, 'unresolvedAppIds of the accepted stats task is not a list of strings');
  }
  return { taskId: body.id, warnings: unresolved.length > 0 ? [unresolvedAppIdsWarning(unresolved)] : [] };
}

function unresolvedAppIdsWarning(unresolved: readonly string[]): UsageWarning {
  return {
    code: 'unresolved_app_ids',
    message: `Svix found no app for ${unresolved.length === 1 ? 'this id or uid' : 'these ids or uids'}: ${unresolved.join(', ')}; the report covers the other apps`,
  };
}

/** What the report needs beyond the task body and the query. */
export interface SvixReportContext {
  /** The configured provider id. */
  provider: string;
  /** The warnings the pending outcome carried. */
  warnings: readonly UsageWarning[];
}

/**
 * The report for a finished `application.stats` task: one group per app (keyed by the uid when
 * the caller asked by that uid, else by the app id), the total as value. Svix counts message
 * attempts, not the events behind them, so `eventCount` is not reported.
 */
export function fromSvixStatsResponse(body: unknown, query: UsageQuery, context: SvixReportContext): UsageReport {
  const asked = new Set(query.customers ?? []);
  const groups: UsageGroup[] = readSvixAppStats(body, context.provider).map((stats) => ({
    key: stats.appUid !== null && stats.appUid !== undefined && asked.has(stats.appUid) ? stats.appUid : stats.appId,
    value: stats.messageDestinations,
  }));
  const report: UsageReport = {
    provider: context.provider,
    providerType: 'svix',
    metric: query.metric,
    aggregation: 'count',
    unit: null,
    from: query.from,
    to: query.to,
    value: groups.reduce((total, group) => total + group.value, 0),
    eventCount: null,
    windows: null,
    groups,
    status: 'complete',
    warnings: [...context.warnings],
  };
  if (query.include?.includes('raw')) report.raw = body;
  return report;
}
