import { SequenceApiError } from '../../../src/sandbox/sequence';
import { createHarness, START_MS, uuidV7Time } from './harness';

const ACCOUNT = '00000000-0000-4000-8000-00000000a11c';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const item = (key: string, message: string) => ({ code: 'validationError', message, key });
const invalid = (...errors: ReturnType<typeof item>[]) => ({ error: { type: 'validationError', message: 'Request data validation failed', errors } });

/** What Sequence's own example defines, minus the CUSTOM parameters. */
const fullDefinition = {
  name: 'Total length of sent messages.',
  description: 'Bytes sent per channel',
  metricType: 'GROUPED',
  eventType: 'message_sent',
  aggregationType: 'SUM',
  aggregationProperty: 'message_length',
  groupingProperty: 'channel',
  unit: 'bytes',
  propertyFilters: { channels: ['text', 'email'] },
  caseSensitive: true,
  propertiesToNegate: ['channels'],
};

describe('POST /usage-metrics', () => {
  it('creates a metric with a UUIDv7 id from the clock and answers 201 with the stored metric', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-metrics', fullDefinition);
    expect(response.status).toBe(201);
    expect(response.body.id).toMatch(UUID_V7);
    expect(uuidV7Time(response.body.id)).toBe(START_MS);
    expect(response.body).toStrictEqual({
      ...fullDefinition,
      id: response.body.id,
      sequenceAccountId: ACCOUNT,
      createdAt: '2024-03-10T12:00:00Z',
      deletedAt: null,
      parameters: [],
    });
  });

  it('spells out every optional field of a minimal definition', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-metrics', { name: 'Calls', metricType: 'SIMPLE', eventType: 'api_call', aggregationType: 'COUNT' });
    expect(response.status).toBe(201);
    expect(response.body).toStrictEqual({
      id: response.body.id,
      sequenceAccountId: ACCOUNT,
      name: 'Calls',
      description: null,
      metricType: 'SIMPLE',
      eventType: 'api_call',
      aggregationType: 'COUNT',
      aggregationProperty: null,
      groupingProperty: null,
      unit: null,
      createdAt: '2024-03-10T12:00:00Z',
      deletedAt: null,
      propertyFilters: {},
      caseSensitive: null,
      propertiesToNegate: null,
      parameters: [],
    });
  });

  it('names every schema violation in one 400', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-metrics', { name: '', metricType: 'HOURLY', propertyFilters: { channel: [1], region: 'eu' }, caseSensitive: 'yes' });
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(
        item('eventType', 'eventType is required'),
        item('aggregationType', 'aggregationType is required'),
        item('name', 'name must NOT have fewer than 1 characters'),
        item('metricType', 'metricType must be equal to one of the allowed values: SIMPLE, GROUPED'),
        item('propertyFilters.channel.0', 'propertyFilters.channel.0 must be string'),
        item('propertyFilters.region', 'propertyFilters.region must be array'),
        item('caseSensitive', 'caseSensitive must be boolean'),
      ),
    );
  });

  it('applies the definition rules the schema cannot express', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-metrics', {
      name: 'Users',
      metricType: 'GROUPED',
      eventType: 'login',
      aggregationType: 'UNIQUE',
      propertyFilters: { region: ['eu'] },
      propertiesToNegate: ['region', 'channel'],
    });
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(
        item('aggregationProperty', 'aggregationProperty is required when aggregationType is UNIQUE'),
        item('groupingProperty', 'groupingProperty is required when metricType is GROUPED'),
        item('propertiesToNegate.1', 'propertiesToNegate names "channel", which has no entry in propertyFilters'),
      ),
    );
  });

  it('refuses CUSTOM metrics, which need an expression this API cannot carry', async () => {
    const harness = createHarness();
    const response = await harness.post('/usage-metrics', { name: 'Custom', metricType: 'SIMPLE', eventType: 'N/A', aggregationType: 'CUSTOM' });
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(item('aggregationType', 'aggregationType CUSTOM needs an expression, which Sequence defines outside this API; the sandbox calculates COUNT, SUM and UNIQUE')),
    );
  });

  it('answers 400 MetricLimitExceeded past maxMetrics', async () => {
    const harness = createHarness({ maxMetrics: 1 });
    const definition = { name: 'Calls', metricType: 'SIMPLE', eventType: 'api_call', aggregationType: 'COUNT' };
    expect((await harness.post('/usage-metrics', definition)).status).toBe(201);
    const response = await harness.post('/usage-metrics', definition);
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual({ error: { type: 'MetricLimitExceeded', message: 'This sandbox holds at most 1 usage metrics and is full' } });
  });
});

describe('addMetric (seeding)', () => {
  const definition = { name: 'API calls', metricType: 'SIMPLE', eventType: 'api_call', aggregationType: 'COUNT' } as const;

  it('stores a metric under a chosen id, visible over HTTP', async () => {
    const harness = createHarness();
    const metric = harness.simulator.addMetric(definition, { id: 'api-calls' });
    expect(metric.id).toBe('api-calls');
    expect(harness.simulator.getMetric('api-calls')).toStrictEqual(metric);
    const response = await harness.get('/usage-metrics');
    expect(response.body.items).toStrictEqual([metric]);
    const calculation = await harness.get('/usage-metrics/api-calls/calculate?customerAliases=a&periodStart=2024-03-01&periodEnd=2024-03-31');
    expect(calculation.status).toBe(200);
  });

  it('refuses a taken id and an id that cannot stand in a URL path', () => {
    const harness = createHarness();
    harness.simulator.addMetric(definition, { id: 'api-calls' });
    expect(() => harness.simulator.addMetric(definition, { id: 'api-calls' })).toThrow(
      expect.objectContaining({ status: 400, errors: [item('id', 'A usage metric with id api-calls already exists')] }),
    );
    expect(() => harness.simulator.addMetric(definition, { id: 'a/b' })).toThrow(
      expect.objectContaining({ status: 400, errors: [item('id', 'id must be 1-128 letters, digits or -._~, so it can stand in a URL path')] }),
    );
  });

  it('holds a definition to the same checks as POST /usage-metrics', async () => {
    const harness = createHarness();
    const bad = { name: '', metricType: 'HOURLY', eventType: 'x', aggregationType: 'SUM', propertyFilters: { channel: [1] } };
    const response = await harness.post('/usage-metrics', bad);
    let thrown: unknown;
    try {
      harness.simulator.addMetric(bad as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SequenceApiError);
    expect((thrown as SequenceApiError).toBody()).toStrictEqual(response.body);
    const rules = { ...definition, aggregationType: 'SUM' } as const;
    expect(() => harness.simulator.addMetric(rules)).toThrow(
      expect.objectContaining({ errors: [item('aggregationProperty', 'aggregationProperty is required when aggregationType is SUM')] }),
    );
  });
});
