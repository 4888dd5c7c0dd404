/**
 * Hand-computed usage cases, one per aggregation and its quirks. Every expected number is worked
 * out in the comment above it from Flexprice's semantics, not by running the simulator.
 */
import { createHarness, event } from './support';

interface UsageCase {
  name: string;
  events: ReturnType<typeof event>[];
  request: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const week = { start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' };

const cases: UsageCase[] = [
  {
    name: 'COUNT counts distinct event ids (a repeated id at another time is one)',
    events: [
      event('2024-03-13T10:00:00Z', {}, 'a'),
      event('2024-03-13T11:00:00Z', {}, 'b'),
      event('2024-03-14T09:00:00Z', {}, 'a'),
      event('2024-03-14T10:00:00Z', {}, 'c'),
    ],
    request: { aggregation_type: 'COUNT', ...week },
    // ids {a, b, c} → 3
    expected: { value: 3, event_name: 'api_request', type: 'COUNT' },
  },
  {
    name: 'SUM takes one value per id: the latest ingested row of a repeated id',
    events: [
      event('2024-03-13T10:00:00Z', { tokens: 10 }, 'a'),
      event('2024-03-13T11:00:00Z', { tokens: 4 }, 'a'),
      event('2024-03-13T12:00:00Z', { tokens: 5 }, 'b'),
    ],
    request: { aggregation_type: 'SUM', property_name: 'tokens', ...week },
    // a → 4 (ingested last), b → 5; 4 + 5 = 9
    expected: { value: 9, event_name: 'api_request', type: 'SUM' },
  },
  {
    name: 'SUM reads numeric strings and counts missing or non-numeric values as 0',
    events: [
      event('2024-03-13T10:00:00Z', { tokens: 10 }),
      event('2024-03-13T11:00:00Z', { tokens: '2.5' }),
      event('2024-03-13T12:00:00Z', { tokens: '1e1' }),
      event('2024-03-13T13:00:00Z', { tokens: 'lots' }),
      event('2024-03-13T14:00:00Z', { tokens: true }),
      event('2024-03-13T15:00:00Z', { other: 99 }),
      event('2024-03-13T16:00:00Z', { tokens: ' 3' }),
    ],
    request: { aggregation_type: 'SUM', property_name: 'tokens', ...week },
    // 10 + 2.5 + 10 + 0 ('lots') + 0 (bool) + 0 (missing) + 0 (' 3' is not a whole float text) = 22.5
    expected: { value: 22.5, event_name: 'api_request', type: 'SUM' },
  },
  {
    name: 'SUM lets negative values offset positive ones',
    events: [event('2024-03-13T10:00:00Z', { tokens: 10 }), event('2024-03-13T11:00:00Z', { tokens: -4 })],
    request: { aggregation_type: 'SUM', property_name: 'tokens', ...week },
    // 10 − 4 = 6
    expected: { value: 6, event_name: 'api_request', type: 'SUM' },
  },
  {
    name: 'SUM below zero clamps to 0, and a zero value is left out of the body',
    events: [event('2024-03-13T10:00:00Z', { tokens: -10 }), event('2024-03-13T11:00:00Z', { tokens: 4 })],
    request: { aggregation_type: 'SUM', property_name: 'tokens', ...week },
    // −10 + 4 = −6 → clamped to 0 → `value` omitted
    expected: { event_name: 'api_request', type: 'SUM' },
  },
  {
    name: 'AVG averages per id, events without the property counting as 0',
    events: [
      event('2024-03-13T10:00:00Z', { n: 10 }),
      event('2024-03-13T11:00:00Z', { n: '20' }),
      event('2024-03-13T12:00:00Z', {}),
      event('2024-03-13T13:00:00Z', { n: 'abc' }),
    ],
    request: { aggregation_type: 'AVG', property_name: 'n', ...week },
    // (10 + 20 + 0 + 0) / 4 = 7.5
    expected: { value: 7.5, event_name: 'api_request', type: 'AVG' },
  },
  {
    name: 'MAX takes the greatest per-id value',
    events: [
      event('2024-03-13T10:00:00Z', { n: 3 }),
      event('2024-03-13T11:00:00Z', { n: '12.5' }),
      event('2024-03-13T12:00:00Z', { n: -4 }),
    ],
    request: { aggregation_type: 'MAX', property_name: 'n', ...week },
    // max(3, 12.5, −4) = 12.5
    expected: { value: 12.5, event_name: 'api_request', type: 'MAX' },
  },
  {
    name: 'MAX of negative values clamps to 0',
    events: [event('2024-03-13T10:00:00Z', { n: -3 }), event('2024-03-13T11:00:00Z', { n: -1 })],
    request: { aggregation_type: 'MAX', property_name: 'n', ...week },
    // max(−3, −1) = −1 → 0 → omitted
    expected: { event_name: 'api_request', type: 'MAX' },
  },
  {
    name: 'COUNT_UNIQUE counts a missing or null property as the one value "" and numbers by their text',
    events: [
      event('2024-03-13T10:00:00Z', { region: 'us' }),
      event('2024-03-13T11:00:00Z', { region: 'eu' }),
      event('2024-03-13T12:00:00Z', { region: 'us' }),
      event('2024-03-13T13:00:00Z', {}),
      event('2024-03-13T14:00:00Z', { region: null }),
      event('2024-03-13T15:00:00Z', { region: 1 }),
      event('2024-03-13T16:00:00Z', { region: '1' }),
    ],
    request: { aggregation_type: 'COUNT_UNIQUE', property_name: 'region', ...week },
    // {"us", "eu", "", "1"} → 4
    expected: { value: 4, event_name: 'api_request', type: 'COUNT_UNIQUE' },
  },
  {
    name: 'LATEST takes the row with the greatest timestamp, not the last ingested',
    events: [event('2024-03-14T12:00:00Z', { seats: 7 }), event('2024-03-13T09:00:00Z', { seats: 3 })],
    request: { aggregation_type: 'LATEST', property_name: 'seats', ...week },
    // 03-14 12:00 is the latest timestamp → 7
    expected: { value: 7, event_name: 'api_request', type: 'LATEST' },
  },
  {
    name: 'LATEST gives 0 when the latest row lacks the property',
    events: [event('2024-03-13T12:00:00Z', { seats: 7 }), event('2024-03-14T09:00:00Z', {})],
    request: { aggregation_type: 'LATEST', property_name: 'seats', ...week },
    // latest row (03-14) has no seats → 0 → omitted
    expected: { event_name: 'api_request', type: 'LATEST' },
  },
  {
    name: 'SUM_WITH_MULTIPLIER multiplies the per-id sum',
    events: [event('2024-03-13T10:00:00Z', { n: 10 }), event('2024-03-13T11:00:00Z', { n: 20 })],
    request: { aggregation_type: 'SUM_WITH_MULTIPLIER', property_name: 'n', multiplier: '1.5', ...week },
    // (10 + 20) × 1.5 = 45
    expected: { value: 45, event_name: 'api_request', type: 'SUM_WITH_MULTIPLIER' },
  },
  {
    name: 'SUM_WITH_MULTIPLIER keeps a multiplier of 0.0000001 exact (HEAD no longer rounds to 6 places)',
    events: [event('2024-03-13T10:00:00Z', { n: 10 }), event('2024-03-13T11:00:00Z', { n: 20 })],
    request: { aggregation_type: 'SUM_WITH_MULTIPLIER', property_name: 'n', multiplier: '0.0000001', ...week },
    // 30 × 1e-7 = 0.000003 (3e-6 in float64, printed 0.000003)
    expected: { value: 0.000003, event_name: 'api_request', type: 'SUM_WITH_MULTIPLIER' },
  },
  {
    name: 'SUM_WITH_MULTIPLIER without a multiplier multiplies by 1',
    events: [event('2024-03-13T10:00:00Z', { n: 10 })],
    request: { aggregation_type: 'SUM_WITH_MULTIPLIER', property_name: 'n', ...week },
    // 10 × 1 = 10
    expected: { value: 10, event_name: 'api_request', type: 'SUM_WITH_MULTIPLIER' },
  },
  {
    name: 'WEIGHTED_SUM weights each raw row (no dedup) by the time left to the period end: (v / T) × d',
    events: [
      event('2024-03-16T00:00:00Z', { gb: 100 }, 'w1'),
      event('2024-03-23T00:00:00Z', { gb: 60 }, 'w1'),
      event('2024-03-30T12:00:00.750Z', { gb: 30 }, 'w2'),
    ],
    request: { aggregation_type: 'WEIGHTED_SUM', property_name: 'gb', start_time: '2024-03-01T00:00:00Z', end_time: '2024-03-31T00:00:00Z' },
    // T = 30 days = 2,592,000 s.
    // 03-16 00:00 → d = 15 days = 1,296,000 s: (100 / 2,592,000) × 1,296,000 = 50
    // 03-23 00:00 → d = 8 days = 691,200 s:    (60 / 2,592,000) × 691,200 = 16
    // 03-30 12:00:00.750 → whole second 12:00:00, d = 12 h = 43,200 s: (30 / 2,592,000) × 43,200 = 0.5
    // 50 + 16 + 0.5 = 66.5
    expected: { value: 66.5, event_name: 'api_request', type: 'WEIGHTED_SUM' },
  },
  {
    name: 'WEIGHTED_SUM per window still weights against the whole request period',
    events: [event('2024-03-16T00:00:00Z', { gb: 100 }), event('2024-03-30T12:00:00Z', { gb: 30 })],
    request: { aggregation_type: 'WEIGHTED_SUM', property_name: 'gb', window_size: 'DAY', start_time: '2024-03-01T00:00:00Z', end_time: '2024-03-31T00:00:00Z' },
    // Same T = 2,592,000 s: 03-16 → 50, 03-30 → 0.5, each in its own DAY window, no top-level value
    expected: {
      results: [{ window_size: '2024-03-16T00:00:00Z', value: 50 }, { window_size: '2024-03-30T00:00:00Z', value: 0.5 }],
      event_name: 'api_request',
      type: 'WEIGHTED_SUM',
    },
  },
  {
    name: 'COUNT is used when property_name is empty, whatever the type asked',
    events: [event('2024-03-13T10:00:00Z', { n: 5 }), event('2024-03-13T11:00:00Z', { n: 7 })],
    request: { aggregation_type: 'SUM', property_name: '', ...week },
    // No property → COUNT of 2 events, reported as type COUNT
    expected: { value: 2, event_name: 'api_request', type: 'COUNT' },
  },
  {
    name: 'aggregation_type is upper-cased',
    events: [event('2024-03-13T10:00:00Z', { n: 5 }), event('2024-03-13T11:00:00Z', { n: 7 })],
    request: { aggregation_type: 'sum', property_name: 'n', ...week },
    // 5 + 7 = 12, type reported upper-case
    expected: { value: 12, event_name: 'api_request', type: 'SUM' },
  },
  {
    name: 'a range with no events answers only event_name and type',
    events: [event('2024-03-01T10:00:00Z', { n: 5 })],
    request: { aggregation_type: 'SUM', property_name: 'n', window_size: 'DAY', ...week },
    // The only event is before the range → no windows, no value
    expected: { event_name: 'api_request', type: 'SUM' },
  },
];

describe('POST /events/usage aggregations (hand-computed)', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  it.each(cases)('$name', async ({ events, request, expected }) => {
    await harness.ingestBulk(events);
    const response = await harness.usage({ event_name: 'api_request', ...request });
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual(expected);
    // Go's struct order: results, value, event_name, type.
    expect(Object.keys(response.body as object)).toStrictEqual(Object.keys(expected));
    expect(harness.failures).toStrictEqual([]);
  });
});
