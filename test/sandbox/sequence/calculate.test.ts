import { createHarness, type Harness } from './harness';
import { fixtureMetrics, seedFixture, type FixtureEvent } from './calculate-fixture';

let harness: Harness;
let ids: Record<FixtureEvent, string>;
beforeAll(() => {
  harness = createHarness();
  ids = seedFixture(harness.simulator);
});

const MARCH = 'periodStart=2024-03-01&periodEnd=2024-03-31';
const calculate = (metric: string, query: string) => harness.get(`/usage-metrics/${metric}/calculate?${query}`);

/** The response for a metric of the fixture: its definition echoed, then the figures. */
function expected(metric: string, eventCount: number, value: number, first?: FixtureEvent, last?: FixtureEvent) {
  const definition = fixtureMetrics[metric];
  if (!definition) throw new Error(`no fixture metric ${metric}`);
  return {
    name: definition.name,
    metricType: definition.metricType,
    eventType: definition.eventType,
    aggregationType: definition.aggregationType,
    eventCount,
    value,
    unit: definition.unit ?? null,
    minEventId: first ? ids[first] : null,
    maxEventId: last ? ids[last] : null,
  };
}

describe('GET /usage-metrics/{usageMetricId}/calculate: aggregations', () => {
  it('COUNT counts the events of the customer, type and period (end day included)', async () => {
    const response = await calculate('count-calls', `customerAliases=cust-a&${MARCH}`);
    expect(response.status).toBe(200);
    expect(response.headers['sequence-version']).toBe('2024-07-30');
    expect(response.body).toStrictEqual(expected('count-calls', 4, 4, 'march1', 'notNumeric'));
  });

  it('SUM adds numbers and numeric strings exactly, skipping a non-numeric value but counting its event', async () => {
    const response = await calculate('sum-bytes', `customerAliases=cust-a&${MARCH}`);
    expect(response.body).toStrictEqual(expected('sum-bytes', 4, 120.75, 'march1', 'notNumeric'));
  });

  it('UNIQUE counts distinct non-null values', async () => {
    const response = await calculate('unique-users', `customerAliases=cust-a&${MARCH}`);
    expect(response.body).toStrictEqual(expected('unique-users', 4, 2, 'march1', 'notNumeric'));
  });

  it('GROUPED UNIQUE adds up the distinct count of each group', async () => {
    // eu: u1, u2 (and a null user); us: u1 again.
    const response = await calculate('grouped-unique', `customerAliases=cust-a&${MARCH}`);
    expect(response.body).toStrictEqual(expected('grouped-unique', 4, 3, 'march1', 'notNumeric'));
  });

  it('GROUPED SUM and COUNT equal their totals, events without the grouping property included', async () => {
    const both = `customerAliases=cust-a,cust-b&${MARCH}`;
    expect((await calculate('grouped-sum', both)).body).toStrictEqual(expected('grouped-sum', 5, 127.75, 'march1', 'notNumeric'));
    expect((await calculate('grouped-count', both)).body).toStrictEqual(expected('grouped-count', 5, 5, 'march1', 'notNumeric'));
    // cust-b's only event has no region: a group of its own, with one distinct user.
    expect((await calculate('grouped-unique', both)).body.value).toBe(4);
  });

  it('answers zero with null event ids when nothing matches', async () => {
    const response = await calculate('sum-bytes', `customerAliases=nobody&${MARCH}`);
    expect(response.body).toStrictEqual(expected('sum-bytes', 0, 0));
  });
});

describe('calculate: property filters', () => {
  it.each<[string, number, FixtureEvent, FixtureEvent, string]>([
    ['email-or-sms', 3, 'march1', 'notNumeric', 'IN within one property, case-sensitive by default'],
    ['not-email', 2, 'march15', 'march31', 'NOT IN for a negated property'],
    ['email-any-case', 3, 'march1', 'notNumeric', 'case-insensitive values when caseSensitive is false'],
    ['eu-messages', 3, 'march1', 'notNumeric', 'AND across properties'],
  ])('%s: %i events, from %s to %s (%s)', async (metric, count, first, last) => {
    const response = await calculate(metric, `customerAliases=cust-a&${MARCH}`);
    expect(response.body).toStrictEqual(expected(metric, count, count, first, last));
  });

  it.each(['email-exact-case', 'no-channel'])('%s matches nothing', async (metric) => {
    const response = await calculate(metric, `customerAliases=cust-a&${MARCH}`);
    expect(response.body).toStrictEqual(expected(metric, 0, 0));
  });

  it('lets events without the property pass a negated filter', async () => {
    // upperAlias has no channel at all.
    const response = await calculate('not-email', `customerAliases=CUST-A&${MARCH}`);
    expect(response.body).toStrictEqual(expected('not-email', 1, 1, 'upperAlias', 'upperAlias'));
  });
});

describe('calculate: customers and periods', () => {
  it.each([
    ['cust-a,cust-b', 5],
    ['cust-a%2Ccust-b', 5],
    [' cust-a , cust-b ,', 5],
    ['cust-a,CUST-A', 5],
    ['CUST-A', 1],
    ['Cust-A', 0],
  ])('customerAliases=%s selects %i events', async (aliases, count) => {
    const response = await calculate('count-calls', `customerAliases=${aliases.replace(/ /g, '%20')}&${MARCH}`);
    expect(response.status).toBe(200);
    expect(response.body.eventCount).toBe(count);
  });

  it.each([
    ['periodStart=2024-03-31&periodEnd=2024-03-31', 1, 'the whole end day'],
    ['periodStart=2024-03-01&periodEnd=2024-03-01', 1, 'a single day'],
    ['periodStart=2024-02-29&periodEnd=2024-04-01', 6, 'both edges'],
    ['periodStart=2024-03-15T12:00:00Z&periodEnd=2024-03-31T23:59:59.999Z', 3, 'date-times with an inclusive end'],
    ['periodStart=2024-03-15T12:00:00.001Z&periodEnd=2024-03-31T23:59:59.998Z', 1, 'date-times just inside'],
    ['periodStart=2024-03-01T01:00:00%2B01:00&periodEnd=2024-03-01', 1, 'an offset'],
    ['periodStart=2024-03-31T12:00:00Z&periodEnd=2024-03-31', 1, 'a date-time start with a date end'],
  ])('%s counts %i events (%s)', async (period, count) => {
    const response = await calculate('count-calls', `customerAliases=cust-a&${period}`);
    expect(response.status).toBe(200);
    expect(response.body.eventCount).toBe(count);
  });

  it('accepts customParameters as a JSON object of strings, with no effect on COUNT', async () => {
    const parameters = encodeURIComponent('{"myParam":"10"}');
    const response = await calculate('count-calls', `customerAliases=cust-a&${MARCH}&customParameters=${parameters}`);
    expect(response.body).toStrictEqual(expected('count-calls', 4, 4, 'march1', 'notNumeric'));
  });

  it('accepts reserved characters unencoded in the query', async () => {
    const response = await calculate('count-calls', 'customerAliases=cust-a,cust-b&periodStart=2024-03-01T00:00:00Z&periodEnd=2024-03-31&customParameters={"p":"1"}');
    expect(response.status).toBe(200);
    expect(response.body.eventCount).toBe(5);
  });
});
