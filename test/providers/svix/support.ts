/** Shared pieces of the Svix adapter tests: a unified query builder and a readable view of gateway errors. */
import { GatewayError } from '../../../src/errors';
import type { UsageQuery } from '../../../src/usage/model';

/** A valid Svix query for the test provider id `svix-eu`, with the given fields changed. */
export function svixQuery(overrides: Partial<UsageQuery> = {}): UsageQuery {
  return {
    provider: 'svix-eu',
    metric: 'message_destinations',
    from: '2025-03-01T00:00:00Z',
    to: '2025-04-01T00:00:00Z',
    ...overrides,
  };
}

/** The fields of a GatewayError a caller sees, for `toStrictEqual`. */
export interface ErrorView {
  code: string;
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
  provider: string | undefined;
  upstreamStatus: number | undefined;
  retryable: boolean | undefined;
  headers: Record<string, string>;
}

export function viewError(error: GatewayError): ErrorView {
  return {
    code: error.code,
    status: error.status,
    detail: error.detail,
    errors: error.errors,
    provider: error.provider,
    upstreamStatus: error.upstreamStatus,
    retryable: error.retryable,
    headers: error.headers,
  };
}

/** The GatewayError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if (!('rejected' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  if (!(outcome.rejected instanceof GatewayError)) throw outcome.rejected;
  return outcome.rejected;
}
