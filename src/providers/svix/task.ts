/** Reading Svix background-task bodies: their status and a finished `application.stats` task's figures. */
import type { components } from '../../../generated/svix';
import { svixContractViolation } from './errors';
import { isRecord } from './json';

/** Where a Svix background task stands: running, finished or failed. */
export type SvixTaskStatus = components['schemas']['BackgroundTaskStatus'];
/** One application's message attempts in a finished stats task. */
export type SvixAppStats = components['schemas']['ApplicationStatsOut'];

/** The task's status; Svix's status enum is closed, so anything else breaks the contract. */
export function readSvixTaskStatus(body: unknown, provider: string): SvixTaskStatus {
  const status = isRecord(body) ? body.status : undefined;
  if (status === 'running' || status === 'finished' || status === 'failed') return status;
  throw svixContractViolation(provider, 'the background task has no status among running, finished and failed');
}

/**
 * The per-application figures of a finished stats task. Svix documents `data.appStats`; older
 * documents spell it `data.app_stats`, so that spelling is the fallback.
 */
export function readSvixAppStats(body: unknown, provider: string): SvixAppStats[] {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data)) throw svixContractViolation(provider, 'the finished background task has no data object');
  const key = data.appStats !== undefined && data.appStats !== null ? 'appStats' : 'app_stats';
  const items = data[key];
  if (!Array.isArray(items)) {
    throw svixContractViolation(provider, 'the finished background task data has neither appStats nor app_stats');
  }
  return items.map((item: unknown, index) => readAppStats(item, `data.${key}[${index}]`, provider));
}

function readAppStats(item: unknown, where: string, provider: string): SvixAppStats {
  if (!isRecord(item)) throw svixContractViolation(provider, `${where} is not an object`);
  const { appId, appUid, messageDestinations } = item;
  if (typeof appId !== 'string' || appId === '') {
    throw svixContractViolation(provider, `${where}.appId is not a non-empty string`);
  }
  if (appUid !== undefined && appUid !== null && typeof appUid !== 'string') {
    throw svixContractViolation(provider, `${where}.appUid is neither a string nor null`);
  }
  if (typeof messageDestinations !== 'number' || !Number.isSafeInteger(messageDestinations) || messageDestinations < 0) {
    throw svixContractViolation(provider, `${where}.messageDestinations is not a non-negative integer`);
  }
  return { appId, appUid: appUid ?? null, messageDestinations };
}
