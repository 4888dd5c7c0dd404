/** Usage metrics in creation order, with Sequence's cursor pagination. */
import { SequenceApiError, validationError, violation } from './api-error';
import type { ListMetricsQuery, UsageMetric, UsageMetricList } from './types';

/**
 * [INFERENCE] Sequence documents the range of `limit` (1-100) but not its default; we take 20.
 */
export const DEFAULT_PAGE_SIZE = 20;

// Sequence's cursors are base64 of the item's id (`MDE4NDUy…` = `01845266-…`). We write the URL-safe
// alphabet without padding: identical for UUIDs, and safe unencoded in a query for chosen seed ids.
const toCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

/** The metrics of one simulated account. */
export interface MetricStore {
  get(id: string): UsageMetric | undefined;
  /** Stores a new metric; throws when the id is taken or the store is full. */
  add(metric: UsageMetric): void;
  list(query: ListMetricsQuery): UsageMetricList;
  size(): number;
}

/** A store holding at most `maxMetrics` metrics. */
export function createMetricStore(maxMetrics: number): MetricStore {
  const metrics: UsageMetric[] = [];
  const positions = new Map<string, number>();

  const positionOf = (key: 'after' | 'before', cursor: string): number => {
    const position = positions.get(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (position === undefined || toCursor(metrics[position]?.id ?? '') !== cursor) {
      throw validationError([violation(key, `${key} is not a cursor from a previous page of this list`)]);
    }
    return position;
  };

  return {
    get: (id) => {
      const position = positions.get(id);
      return position === undefined ? undefined : metrics[position];
    },
    add(metric) {
      if (positions.has(metric.id)) throw validationError([violation('id', `A usage metric with id ${metric.id} already exists`)]);
      if (metrics.length >= maxMetrics) {
        throw new SequenceApiError(400, 'MetricLimitExceeded', `This sandbox holds at most ${maxMetrics} usage metrics and is full`);
      }
      positions.set(metric.id, metrics.length);
      metrics.push(metric);
    },
    list({ limit, after, before }) {
      if (after !== undefined && before !== undefined) {
        throw validationError([violation('before', 'Pass either after or before, not both')]);
      }
      const size = Number(limit ?? DEFAULT_PAGE_SIZE);
      let start = 0;
      if (after !== undefined) start = positionOf('after', after) + 1;
      if (before !== undefined) start = Math.max(positionOf('before', before) - size, 0);
      const end = before !== undefined ? positionOf('before', before) : Math.min(start + size, metrics.length);
      const items = metrics.slice(start, end);
      const first = items[0];
      const last = items[items.length - 1];
      return {
        items,
        pagination: {
          ...(last && end < metrics.length ? { after: toCursor(last.id) } : {}),
          ...(first && start > 0 ? { before: toCursor(first.id) } : {}),
          totalResultSize: metrics.length,
        },
      };
    },
    size: () => metrics.length,
  };
}
