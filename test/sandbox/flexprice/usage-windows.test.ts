/**
 * Hand-computed window and bucket cases: every window size, Sunday weeks, months with billing
 * anchors (day 15 and the irregular day 31), and bucketed SUM/MAX. 2024-03-10 and 2024-03-17 are
 * Sundays; 2024 is a leap year.
 */
import { createHarness, event } from './support';

interface WindowCase {
  name: string;
  events: ReturnType<typeof event>[];
  request: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const day = { start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-14T00:00:00Z' };
const result = (window_size: string, value: number) => ({ window_size, value });
const countOf = (results: ReturnType<typeof result>[]) => ({ results, event_name: 'api_request', type: 'COUNT' });

const cases: WindowCase[] = [
  {
    name: 'MINUTE floors to the minute',
    events: [event('2024-03-13T10:00:05Z'), event('2024-03-13T10:00:59.999Z'), event('2024-03-13T10:01:00Z')],
    request: { aggregation_type: 'COUNT', window_size: 'MINUTE', ...day },
    // 10:00:05 and 10:00:59.999 → 10:00; 10:01:00 → 10:01
    expected: countOf([result('2024-03-13T10:00:00Z', 2), result('2024-03-13T10:01:00Z', 1)]),
  },
  {
    name: '15MIN floors to :00/:15/:30/:45',
    events: [event('2024-03-13T10:14:59Z'), event('2024-03-13T10:15:00Z'), event('2024-03-13T10:44:00Z')],
    request: { aggregation_type: 'COUNT', window_size: '15MIN', ...day },
    // 10:14:59 → 10:00, 10:15 → 10:15, 10:44 → 10:30
    expected: countOf([result('2024-03-13T10:00:00Z', 1), result('2024-03-13T10:15:00Z', 1), result('2024-03-13T10:30:00Z', 1)]),
  },
  {
    name: '30MIN floors to :00/:30',
    events: [event('2024-03-13T10:29:00Z'), event('2024-03-13T10:31:00Z'), event('2024-03-13T11:59:00Z')],
    request: { aggregation_type: 'COUNT', window_size: '30MIN', ...day },
    // 10:29 → 10:00, 10:31 → 10:30, 11:59 → 11:30
    expected: countOf([result('2024-03-13T10:00:00Z', 1), result('2024-03-13T10:30:00Z', 1), result('2024-03-13T11:30:00Z', 1)]),
  },
  {
    name: 'HOUR floors to the hour',
    events: [event('2024-03-13T10:59:59Z', { n: 2 }), event('2024-03-13T10:00:00Z', { n: 3 }), event('2024-03-13T11:00:00Z', { n: 4 })],
    request: { aggregation_type: 'SUM', property_name: 'n', window_size: 'HOUR', ...day },
    // 10:00 window: 3 + 2 = 5; 11:00 window: 4
    expected: { results: [result('2024-03-13T10:00:00Z', 5), result('2024-03-13T11:00:00Z', 4)], event_name: 'api_request', type: 'SUM' },
  },
  {
    name: '3HOUR counts from UTC midnight',
    events: [event('2024-03-13T02:59:00Z'), event('2024-03-13T03:00:00Z'), event('2024-03-13T23:00:00Z')],
    request: { aggregation_type: 'COUNT', window_size: '3HOUR', ...day },
    // 02:59 → 00:00, 03:00 → 03:00, 23:00 → 21:00
    expected: countOf([result('2024-03-13T00:00:00Z', 1), result('2024-03-13T03:00:00Z', 1), result('2024-03-13T21:00:00Z', 1)]),
  },
  {
    name: '6HOUR counts from UTC midnight',
    events: [event('2024-03-13T05:00:00Z'), event('2024-03-13T13:00:00Z'), event('2024-03-13T18:30:00Z')],
    request: { aggregation_type: 'COUNT', window_size: '6HOUR', ...day },
    // 05:00 → 00:00, 13:00 → 12:00, 18:30 → 18:00
    expected: countOf([result('2024-03-13T00:00:00Z', 1), result('2024-03-13T12:00:00Z', 1), result('2024-03-13T18:00:00Z', 1)]),
  },
  {
    name: '12HOUR splits at noon',
    events: [event('2024-03-13T11:59:59Z'), event('2024-03-13T12:00:00Z'), event('2024-03-13T00:00:00Z')],
    request: { aggregation_type: 'COUNT', window_size: '12HOUR', ...day },
    // 00:00 and 11:59:59 → 00:00; 12:00 → 12:00
    expected: countOf([result('2024-03-13T00:00:00Z', 2), result('2024-03-13T12:00:00Z', 1)]),
  },
  {
    name: 'DAY floors to UTC midnight and leaves empty days out',
    events: [event('2024-03-13T23:59:59Z'), event('2024-03-13T00:00:00Z'), event('2024-03-15T00:00:01Z')],
    request: { aggregation_type: 'COUNT', window_size: 'DAY', start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' },
    // 03-13: 2, 03-14: nothing (not returned), 03-15: 1
    expected: countOf([result('2024-03-13T00:00:00Z', 2), result('2024-03-15T00:00:00Z', 1)]),
  },
  {
    name: 'WEEK starts on Sunday; a label may precede start_time',
    events: [event('2024-03-13T09:00:00Z'), event('2024-03-16T23:00:00Z'), event('2024-03-17T01:00:00Z')],
    request: { aggregation_type: 'COUNT', window_size: 'WEEK', start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' },
    // Wed 03-13 and Sat 03-16 → week of Sun 03-10 (before start_time, not clipped); Sun 03-17 → week of 03-17
    expected: countOf([result('2024-03-10T00:00:00Z', 2), result('2024-03-17T00:00:00Z', 1)]),
  },
  {
    name: 'MONTH starts on the 1st',
    events: [event('2024-02-29T23:59:59Z'), event('2024-03-01T00:00:00Z'), event('2024-03-31T12:00:00Z')],
    request: { aggregation_type: 'COUNT', window_size: 'MONTH', start_time: '2024-02-15T00:00:00Z', end_time: '2024-04-01T00:00:00Z' },
    // 02-29 → Feb; 03-01 and 03-31 → Mar
    expected: countOf([result('2024-02-01T00:00:00Z', 1), result('2024-03-01T00:00:00Z', 2)]),
  },
  {
    name: 'MONTH with billing anchor day 15 (the day read in the anchor\'s own offset)',
    events: [event('2024-03-10T00:00:00Z'), event('2024-03-14T23:59:00Z'), event('2024-03-15T00:00:00Z'), event('2024-03-20T00:00:00Z')],
    // 2024-01-15T02:00+05:00 is 01-14 in UTC, but the day used is 15.
    request: { aggregation_type: 'COUNT', window_size: 'MONTH', billing_anchor: '2024-01-15T02:00:00+05:00', start_time: '2024-03-01T00:00:00Z', end_time: '2024-04-01T00:00:00Z' },
    // key = startOfMonth(date − 14 days) + 14 days:
    // 03-10 → 02-25 → 02-01 → 02-15;  03-14 → 02-29 → 02-15;  03-15 → 03-01 → 03-15;  03-20 → 03-06 → 03-15
    expected: countOf([result('2024-02-15T00:00:00Z', 2), result('2024-03-15T00:00:00Z', 2)]),
  },
  {
    name: 'MONTH with billing anchor day 31 gives Flexprice\'s irregular periods',
    events: [event('2024-02-15T00:00:00Z'), event('2024-03-01T12:00:00Z'), event('2024-03-02T00:00:00Z'), event('2024-03-31T00:00:00Z')],
    request: { aggregation_type: 'COUNT', window_size: 'MONTH', billing_anchor: '2023-12-31T00:00:00Z', start_time: '2024-02-01T00:00:00Z', end_time: '2024-04-01T00:00:00Z' },
    // key = startOfMonth(date − 30 days) + 30 days:
    // 02-15 → 01-16 → 01-01 → 01-31;  03-01 → 01-31 → 01-01 → 01-31;
    // 03-02 → 02-01 → 02-01 → 03-02;  03-31 → 03-01 → 03-01 → 03-31
    expected: countOf([result('2024-01-31T00:00:00Z', 2), result('2024-03-02T00:00:00Z', 1), result('2024-03-31T00:00:00Z', 1)]),
  },
  {
    name: 'a billing anchor is ignored for other window sizes',
    events: [event('2024-03-13T10:00:00Z'), event('2024-03-14T10:00:00Z')],
    request: { aggregation_type: 'COUNT', window_size: 'DAY', billing_anchor: '2024-01-15T00:00:00Z', start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' },
    // plain days: 03-13: 1, 03-14: 1
    expected: countOf([result('2024-03-13T00:00:00Z', 1), result('2024-03-14T00:00:00Z', 1)]),
  },
  {
    name: 'windowed COUNT deduplicates ids per window',
    events: [event('2024-03-13T10:00:00Z', {}, 'a'), event('2024-03-13T11:00:00Z', {}, 'a'), event('2024-03-14T10:00:00Z', {}, 'a')],
    request: { aggregation_type: 'COUNT', window_size: 'DAY', start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' },
    // id a twice on 03-13 → 1; once on 03-14 → 1
    expected: countOf([result('2024-03-13T00:00:00Z', 1), result('2024-03-14T00:00:00Z', 1)]),
  },
  {
    name: 'a window whose rows lack the property is still returned, with value 0',
    events: [event('2024-03-13T10:00:00Z', { n: 5 }), event('2024-03-14T10:00:00Z', { other: 1 })],
    request: { aggregation_type: 'SUM', property_name: 'n', window_size: 'DAY', start_time: '2024-03-13T00:00:00Z', end_time: '2024-03-20T00:00:00Z' },
    // 03-13: 5; 03-14 matched a row without n → 0 (results[].value is never omitted)
    expected: { results: [result('2024-03-13T00:00:00Z', 5), result('2024-03-14T00:00:00Z', 0)], event_name: 'api_request', type: 'SUM' },
  },
  {
    name: 'bucketed SUM adds raw rows per bucket (no dedup), clamps each bucket and the total separately',
    events: [
      event('2024-03-13T10:05:00Z', { n: 5 }, 'x'),
      event('2024-03-13T10:40:00Z', { n: 7 }, 'x'),
      event('2024-03-13T11:10:00Z', { n: -2 }),
      event('2024-03-13T12:00:00Z', { n: 3 }),
    ],
    request: { aggregation_type: 'SUM', property_name: 'n', bucket_size: 'HOUR', window_size: 'DAY', ...day },
    // bucket_size wins over window_size. 10:00 → 5 + 7 = 12 (same id twice, both counted);
    // 11:00 → −2 → shown as 0; 12:00 → 3. Total = 12 − 2 + 3 = 13.
    expected: {
      results: [result('2024-03-13T10:00:00Z', 12), result('2024-03-13T11:00:00Z', 0), result('2024-03-13T12:00:00Z', 3)],
      value: 13,
      event_name: 'api_request',
      type: 'SUM',
    },
  },
  {
    name: 'bucketed MAX sums the bucket peaks',
    events: [event('2024-01-15T10:05:00Z', { users: 25 }), event('2024-01-15T10:30:00Z', { users: 20 }), event('2024-01-15T11:15:00Z', { users: 40 })],
    request: { aggregation_type: 'MAX', property_name: 'users', bucket_size: 'HOUR', start_time: '2024-01-15T00:00:00Z', end_time: '2024-01-16T00:00:00Z' },
    // 10:00 → max(25, 20) = 25; 11:00 → 40; total 25 + 40 = 65
    expected: { results: [result('2024-01-15T10:00:00Z', 25), result('2024-01-15T11:00:00Z', 40)], value: 65, event_name: 'api_request', type: 'MAX' },
  },
  {
    name: 'bucketed MAX grouped by a property gives one entry per bucket and group, in group-key order',
    events: [
      event('2024-01-15T10:05:00Z', { users: 25, region: 'us' }),
      event('2024-01-15T10:30:00Z', { users: 20, region: 'eu' }),
      event('2024-01-15T10:45:00Z', { users: 30, region: 'us' }),
      event('2024-01-15T11:15:00Z', { users: 5, region: 'eu' }),
    ],
    request: { aggregation_type: 'MAX', property_name: 'users', bucket_size: 'HOUR', group_by_property: 'region', start_time: '2024-01-15T00:00:00Z', end_time: '2024-01-16T00:00:00Z' },
    // 10:00: eu → 20, us → max(25, 30) = 30; 11:00: eu → 5. Total 20 + 30 + 5 = 55
    expected: {
      results: [result('2024-01-15T10:00:00Z', 20), result('2024-01-15T10:00:00Z', 30), result('2024-01-15T11:00:00Z', 5)],
      value: 55,
      event_name: 'api_request',
      type: 'MAX',
    },
  },
  {
    name: 'a group-by property outside [A-Za-z0-9_.] is ignored',
    events: [event('2024-01-15T10:05:00Z', { users: 25, 'the region': 'us' }), event('2024-01-15T10:30:00Z', { users: 20, 'the region': 'eu' })],
    request: { aggregation_type: 'MAX', property_name: 'users', bucket_size: 'HOUR', group_by_property: 'the region', start_time: '2024-01-15T00:00:00Z', end_time: '2024-01-16T00:00:00Z' },
    // Ungrouped: 10:00 → max(25, 20) = 25; total 25
    expected: { results: [result('2024-01-15T10:00:00Z', 25)], value: 25, event_name: 'api_request', type: 'MAX' },
  },
  {
    name: 'bucket_size is ignored for types other than SUM and MAX',
    events: [event('2024-03-13T10:05:00Z', { n: 1 }), event('2024-03-13T11:05:00Z', { n: 3 })],
    request: { aggregation_type: 'AVG', property_name: 'n', bucket_size: 'HOUR', window_size: 'DAY', ...day },
    // AVG per DAY window: (1 + 3) / 2 = 2, no top-level value
    expected: { results: [result('2024-03-13T00:00:00Z', 2)], event_name: 'api_request', type: 'AVG' },
  },
  {
    name: 'bucketed MAX with MONTH and a billing anchor uses the anchored months',
    events: [event('2024-03-10T00:00:00Z', { n: 4 }), event('2024-03-20T00:00:00Z', { n: 6 })],
    request: { aggregation_type: 'MAX', property_name: 'n', bucket_size: 'MONTH', billing_anchor: '2024-01-15T00:00:00Z', start_time: '2024-03-01T00:00:00Z', end_time: '2024-04-01T00:00:00Z' },
    // 03-10 → 02-15 bucket: 4; 03-20 → 03-15 bucket: 6; total 10
    expected: { results: [result('2024-02-15T00:00:00Z', 4), result('2024-03-15T00:00:00Z', 6)], value: 10, event_name: 'api_request', type: 'MAX' },
  },
];

describe('POST /events/usage windows and buckets (hand-computed)', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  it.each(cases)('$name', async ({ events, request, expected }) => {
    await harness.ingestBulk(events);
    const response = await harness.usage({ event_name: 'api_request', ...request });
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual(expected);
    expect(Object.keys(response.body as object)).toStrictEqual(Object.keys(expected));
    expect(harness.failures).toStrictEqual([]);
  });
});
