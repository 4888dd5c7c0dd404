/** Real-shaped Flexprice bodies from test/fixtures/flexprice/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFlexpriceUsage } from '../../../src/providers/flexprice/response';
import type { FlexpriceUsage } from '../../../src/providers/flexprice/types';
import type { UsageQuery } from '../../../src/usage/model';

const directory = path.resolve(__dirname, '..', '..', 'fixtures', 'flexprice');

/** The fixture's text, exactly as the server would send it. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(directory, `${name}.json`), 'utf8');
}

/** The fixture parsed, as a scripted upstream answer. */
export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** The fixture read the way the adapter reads a 200 answer. */
export function usageFixture(name: string): FlexpriceUsage {
  return readFlexpriceUsage('flexprice', fixtureText(name)).usage;
}

/** A unified query over 2024-03-13..2024-03-20 with the given overrides. */
export function query(overrides: Partial<UsageQuery> = {}): UsageQuery {
  return { provider: 'flexprice', metric: 'api_request', from: '2024-03-13T00:00:00Z', to: '2024-03-20T00:00:00Z', ...overrides };
}
