/** A seeded account for the calculate tests: metrics with stable ids and March 2024 events. */
import type { SequenceSimulator } from '../../../src/sandbox/sequence';

type Definition = Parameters<SequenceSimulator['addMetric']>[0];

const calls = { metricType: 'SIMPLE', eventType: 'api_call' } as const;
const channels = (values: string[]) => ({ propertyFilters: { channel: values } });

export const fixtureMetrics: Record<string, Definition> = {
  'count-calls': { ...calls, name: 'API calls', aggregationType: 'COUNT', unit: 'calls' },
  'sum-bytes': { ...calls, name: 'Bytes', aggregationType: 'SUM', aggregationProperty: 'bytes', unit: 'bytes' },
  'unique-users': { ...calls, name: 'Users', aggregationType: 'UNIQUE', aggregationProperty: 'user' },
  'grouped-unique': { ...calls, name: 'Users per region', metricType: 'GROUPED', aggregationType: 'UNIQUE', aggregationProperty: 'user', groupingProperty: 'region' },
  'grouped-sum': { ...calls, name: 'Bytes per region', metricType: 'GROUPED', aggregationType: 'SUM', aggregationProperty: 'bytes', groupingProperty: 'region' },
  'grouped-count': { ...calls, name: 'Calls per region', metricType: 'GROUPED', aggregationType: 'COUNT', groupingProperty: 'region' },
  'email-or-sms': { ...calls, name: 'Messages', aggregationType: 'COUNT', ...channels(['email', 'sms']) },
  'not-email': { ...calls, name: 'Not email', aggregationType: 'COUNT', ...channels(['email']), propertiesToNegate: ['channel'] },
  'email-any-case': { ...calls, name: 'Email, any case', aggregationType: 'COUNT', ...channels(['EMAIL']), caseSensitive: false },
  'email-exact-case': { ...calls, name: 'Email, exact case', aggregationType: 'COUNT', ...channels(['EMAIL']), caseSensitive: true },
  'eu-messages': { ...calls, name: 'EU messages', aggregationType: 'COUNT', propertyFilters: { channel: ['email', 'sms'], region: ['eu'] } },
  'no-channel': { ...calls, name: 'Nothing', aggregationType: 'COUNT', ...channels([]) },
};

/** Events in receipt order; `ids[name]` is each one's Sequence id after seeding. */
export const fixtureEvents = {
  march1: { customerAlias: 'cust-a', eventType: 'api_call', eventTimestamp: '2024-03-01T00:00:00Z', eventProperties: { bytes: 100, user: 'u1', region: 'eu', channel: 'email' } },
  march15: { customerAlias: 'cust-a', eventType: 'api_call', eventTimestamp: '2024-03-15T12:00:00Z', eventProperties: { bytes: '20.5', user: 'u2', region: 'eu', channel: 'sms' } },
  march31: { customerAlias: 'cust-a', eventType: 'api_call', eventTimestamp: '2024-03-31T23:59:59.999Z', eventProperties: { bytes: 0.25, user: 'u1', region: 'us', channel: 'Email' } },
  april1: { customerAlias: 'cust-a', eventType: 'api_call', eventTimestamp: '2024-04-01T00:00:00Z', eventProperties: { bytes: 1000, user: 'u3', region: 'us', channel: 'push' } },
  february29: { customerAlias: 'cust-a', eventType: 'api_call', eventTimestamp: '2024-02-29T23:59:59.999Z', eventProperties: { bytes: 1000, user: 'u3' } },
  otherCustomer: { customerAlias: 'cust-b', eventType: 'api_call', eventTimestamp: '2024-03-10T08:00:00Z', eventProperties: { bytes: 7, user: 'u4', channel: 'email' } },
  otherType: { customerAlias: 'cust-a', eventType: 'page_view', eventTimestamp: '2024-03-10T08:00:00Z', eventProperties: { bytes: 1 } },
  upperAlias: { customerAlias: 'CUST-A', eventType: 'api_call', eventTimestamp: '2024-03-20T08:00:00Z', eventProperties: { bytes: 5 } },
  notNumeric: { customerAlias: 'cust-a', eventType: 'api_call', eventTimestamp: '2024-03-21T08:00:00Z', eventProperties: { bytes: 'abc', user: null, region: 'eu', channel: 'email' } },
};

export type FixtureEvent = keyof typeof fixtureEvents;

/** Seeds every metric and event; returns each event's id by name. */
export function seedFixture(simulator: SequenceSimulator): Record<FixtureEvent, string> {
  for (const [id, definition] of Object.entries(fixtureMetrics)) simulator.addMetric(definition, { id });
  const names = Object.keys(fixtureEvents) as FixtureEvent[];
  const stored = simulator.addEvents(names.map((name) => fixtureEvents[name]));
  return Object.fromEntries(names.map((name, index) => [name, stored[index]?.id ?? ''])) as Record<FixtureEvent, string>;
}
