/**
 * A stable digest of a unified query: keys sorted at every level, so two requests asking the same
 * thing in another field order share idempotency checks, cache entries and in-flight executions.
 */
import { createHash } from 'node:crypto';
import type { UsageQuery } from './model';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** SHA-256 (base64url) of `query` without the fields named in `ignore`. */
export function fingerprint(query: UsageQuery, ignore: readonly (keyof UsageQuery)[] = []): string {
  const asked: Record<string, unknown> = { ...query };
  for (const field of ignore) delete asked[field];
  return createHash('sha256').update(JSON.stringify(canonical(asked))).digest('base64url');
}
