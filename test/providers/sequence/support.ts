/** Shared test inputs: fixture bodies and a base query. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UsageQuery } from '../../../src/usage/model';

/** A provider body from test/fixtures/sequence/, parsed as Sequence sent it. */
export function sequenceFixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'sequence', `${name}.json`), 'utf8'));
}

/** A valid query for metric `metric-1` over March 2024, with overrides. */
export function sequenceQuery(overrides: Partial<UsageQuery> = {}): UsageQuery {
  return {
    provider: 'sequence-eu',
    metric: 'metric-1',
    from: '2024-03-01T00:00:00Z',
    to: '2024-04-01T00:00:00Z',
    customers: ['alias-a'],
    ...overrides,
  };
}

/** Test credentials; the secret must never surface in an error. */
export const sequenceCredentials = { clientId: 'client-123', clientSecret: 'sk_test_TOPSECRET_9f8e7d' } as const;

/** The Authorization header those credentials make. */
export const sequenceAuthorization = `Basic ${Buffer.from('client-123:sk_test_TOPSECRET_9f8e7d').toString('base64')}`;
