/** `POST /events/usage` refusals, each in Flexprice's own body and status. */
import { createHarness } from './support';

const bindError = (details: Record<string, string>) => ({
  code: 'validation_error',
  message: 'Please check the request payload',
  http_status_code: 400,
  details,
});

describe('POST /events/usage errors', () => {
  const harness = createHarness();
  beforeEach(() => harness.reset());

  const expectError = async (body: unknown, expected: unknown) => {
    const response = await harness.usage(body);
    expect([response.status, response.body]).toStrictEqual([400, expected]);
    expect(harness.failures).toStrictEqual([]);
  };

  it('refuses a missing event_name or aggregation_type', async () => {
    await expectError({ aggregation_type: 'COUNT' }, bindError({ event_name: "must have required property 'event_name'" }));
    await expectError({ event_name: 'x' }, bindError({ aggregation_type: "must have required property 'aggregation_type'" }));
  });

  it('refuses wrong types and unknown enum values, naming each field', async () => {
    await expectError(
      { event_name: 5, aggregation_type: 'COUNT', filters: { region: 'us' } },
      bindError({ event_name: 'must be string', 'filters.region': 'must be array' }),
    );
    await expectError(
      { event_name: 'x', aggregation_type: 'COUNT', window_size: 'day' },
      bindError({ window_size: 'must be equal to one of the allowed values: MINUTE, 15MIN, 30MIN, HOUR, 3HOUR, 6HOUR, 12HOUR, DAY, WEEK, MONTH' }),
    );
    await expectError(
      { event_name: 'x', aggregation_type: 'TOTAL' },
      bindError({ aggregation_type: 'must be equal to one of the allowed values: COUNT, SUM, AVG, COUNT_UNIQUE, LATEST, SUM_WITH_MULTIPLIER, MAX, WEIGHTED_SUM' }),
    );
  });

  it('refuses a multiplier sent as a JSON number, as the spec types it a string', async () => {
    await expectError({ event_name: 'x', aggregation_type: 'SUM_WITH_MULTIPLIER', property_name: 'n', multiplier: 1.5 }, bindError({ multiplier: 'must be string' }));
  });

  it('refuses times Go cannot parse even where the spec format allows them', async () => {
    const expected = bindError({ start_time: 'must be an RFC 3339 time such as 2024-03-13T10:00:00Z' });
    for (const start_time of ['2024-03-13t10:00:00z', '2024-03-13T10:00:00+0530', '2024-02-30T10:00:00Z', '2024-03-13T24:00:00Z', '2024-03-13T23:59:60Z']) {
      await expectError({ event_name: 'x', aggregation_type: 'COUNT', start_time }, expected);
    }
    await expectError({ event_name: 'x', aggregation_type: 'COUNT', start_time: 'yesterday' }, bindError({ start_time: 'must match format "date-time"' }));
  });

  it('refuses end_time before start_time, also when start_time alone is in the future', async () => {
    const expected = bindError({ end_time: 'must not be before start_time' });
    await expectError({ event_name: 'x', aggregation_type: 'COUNT', start_time: '2024-03-14T00:00:00Z', end_time: '2024-03-13T00:00:00Z' }, expected);
    // now is 2024-03-20T12:00Z
    await expectError({ event_name: 'x', aggregation_type: 'COUNT', start_time: '2024-03-21T00:00:00Z' }, expected);
    // Compared before truncation: 10:00:00.2 is before 10:00:00.7 even though both truncate to 10:00:00
    await expectError({ event_name: 'x', aggregation_type: 'COUNT', start_time: '2024-03-13T10:00:00.7Z', end_time: '2024-03-13T10:00:00.2Z' }, expected);
  });

  it('refuses a multiplier Go cannot parse as a decimal', async () => {
    for (const multiplier of ['', 'abc', '1.2.3', '1e', '0x10', ' 1']) {
      await expectError(
        { event_name: 'x', aggregation_type: 'SUM_WITH_MULTIPLIER', property_name: 'n', multiplier },
        bindError({ multiplier: 'must be a decimal number such as "1.5"' }),
      );
    }
  });

  it('refuses a multiplier of zero or less, echoing it as Decimal.String()', async () => {
    const cases: Array<[string, string]> = [['0', '0'], ['-1', '-1'], ['-1.50', '-1.5'], ['-2e2', '-200'], ['0.000', '0'], ['-.5', '-0.5']];
    for (const [multiplier, shown] of cases) {
      await expectError(
        { event_name: 'x', aggregation_type: 'SUM_WITH_MULTIPLIER', property_name: 'n', multiplier },
        { code: 'validation_error', message: 'Multiplier must be greater than zero', http_status_code: 400, details: { multiplier: shown } },
      );
    }
  });

  it('refuses a multiplier with any type but SUM_WITH_MULTIPLIER, judged after the COUNT override', async () => {
    const message = 'Multiplier can only be used with SUM_WITH_MULTIPLIER aggregations';
    await expectError(
      { event_name: 'x', aggregation_type: 'sum', property_name: 'n', multiplier: '2' },
      { code: 'validation_error', message, http_status_code: 400, details: { aggregation_type: 'SUM' } },
    );
    // No property_name: the type became COUNT before the check
    await expectError(
      { event_name: 'x', aggregation_type: 'SUM_WITH_MULTIPLIER', multiplier: '2' },
      { code: 'validation_error', message, http_status_code: 400, details: { aggregation_type: 'COUNT' } },
    );
  });

  it('checks a non-positive multiplier before the aggregation type', async () => {
    await expectError(
      { event_name: 'x', aggregation_type: 'SUM', property_name: 'n', multiplier: '-1' },
      { code: 'validation_error', message: 'Multiplier must be greater than zero', http_status_code: 400, details: { multiplier: '-1' } },
    );
  });

  it('refuses a body that is not JSON, whatever the Content-Type says', async () => {
    const response = await harness.usage('{"event_name":').set('content-type', 'text/plain');
    expect([response.status, response.body]).toStrictEqual([400, bindError({ body: 'is not valid JSON' })]);
  });

  it('reads a JSON body sent without a JSON Content-Type, as gin does', async () => {
    const response = await harness.usage('{"event_name":"x","aggregation_type":"COUNT"}').set('content-type', 'text/plain');
    expect([response.status, response.body]).toStrictEqual([200, { event_name: 'x', type: 'COUNT' }]);
  });
});
