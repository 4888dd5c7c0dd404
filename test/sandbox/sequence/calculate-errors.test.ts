import { createHarness } from './harness';

const harness = createHarness();
beforeAll(() => {
  harness.simulator.addMetric({ name: 'Bytes', metricType: 'SIMPLE', eventType: 'upload', aggregationType: 'SUM', aggregationProperty: 'bytes' }, { id: 'bytes' });
});

const item = (key: string, message: string) => ({ code: 'validationError', message, key });
const invalid = (...errors: ReturnType<typeof item>[]) => ({ error: { type: 'validationError', message: 'Request data validation failed', errors } });
const FORMAT = 'a date (YYYY-MM-DD, e.g. 2024-03-01) or an RFC 3339 date-time (e.g. 2024-03-01T00:00:00Z)';
const calculate = (query: string, metric = 'bytes') => harness.get(`/usage-metrics/${metric}/calculate?${query}`);

describe('calculate: errors', () => {
  it('answers 404 NotFound for an unknown metric', async () => {
    const response = await calculate('customerAliases=a&periodStart=2024-03-01&periodEnd=2024-03-31', 'no-such-metric');
    expect(response.status).toBe(404);
    expect(response.body).toStrictEqual({ error: { type: 'NotFound', message: 'Usage metric no-such-metric not found' } });
  });

  it('names each missing required parameter', async () => {
    const response = await calculate('');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(item('customerAliases', 'customerAliases is required'), item('periodStart', 'periodStart is required'), item('periodEnd', 'periodEnd is required')),
    );
  });

  it('refuses a repeated parameter', async () => {
    const response = await calculate('customerAliases=a&customerAliases=b&periodStart=2024-03-01&periodEnd=2024-03-31');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(invalid(item('customerAliases', 'customerAliases must be string')));
  });

  it.each([
    ['periodStart=2024-02-30&periodEnd=2024-03-31', [item('periodStart', `periodStart must be ${FORMAT}`)]],
    ['periodStart=2024-03-01&periodEnd=March', [item('periodEnd', `periodEnd must be ${FORMAT}`)]],
    ['periodStart=2024-03-01T25:00:00Z&periodEnd=2024-3-31', [item('periodStart', `periodStart must be ${FORMAT}`), item('periodEnd', `periodEnd must be ${FORMAT}`)]],
    ['periodStart=2024-03-01T10:00:00&periodEnd=2024-03-31', [item('periodStart', `periodStart must be ${FORMAT}`)]],
    ['periodStart=2024-03-02&periodEnd=2024-03-01', [item('periodEnd', 'periodEnd (2024-03-01) is before periodStart (2024-03-02)')]],
    [
      'periodStart=2024-03-01T10:00:00Z&periodEnd=2024-03-01T09:59:59Z',
      [item('periodEnd', 'periodEnd (2024-03-01T09:59:59Z) is before periodStart (2024-03-01T10:00:00Z)')],
    ],
  ])('refuses the period in %s', async (period, errors) => {
    const response = await calculate(`customerAliases=a&${period}`);
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(invalid(...errors));
  });

  it.each(['', ',', ' , ', ' '])('refuses customerAliases=%j, which names no alias', async (aliases) => {
    const response = await calculate(`customerAliases=${encodeURIComponent(aliases)}&periodStart=2024-03-01&periodEnd=2024-03-31`);
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(invalid(item('customerAliases', 'customerAliases must list at least one customer alias, separated by commas')));
  });

  it.each([
    ['myParam=10', 'it is not valid JSON'],
    ['', 'it is not valid JSON'],
    ['["10"]', 'it is not an object'],
    ['null', 'it is not an object'],
    ['{"myParam":10}', 'the value of "myParam" is not a string'],
  ])('refuses customParameters=%s', async (parameters, reason) => {
    const response = await calculate(`customerAliases=a&periodStart=2024-03-01&periodEnd=2024-03-31&customParameters=${encodeURIComponent(parameters)}`);
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(item('customParameters', `customParameters must be a JSON object of string values, e.g. {"myParam":"10"}; ${reason}`)),
    );
  });

  it('names every bad parameter at once', async () => {
    const response = await calculate('customerAliases=,&periodStart=soon&periodEnd=2024-03-31&customParameters=x');
    expect(response.status).toBe(400);
    expect(response.body.error.errors.map((error: { key: string }) => error.key)).toStrictEqual(['customerAliases', 'periodStart', 'customParameters']);
  });

  it('answers 400 calculationError when a sum leaves the range of a double', async () => {
    const local = createHarness();
    local.simulator.addMetric({ name: 'Bytes', metricType: 'SIMPLE', eventType: 'upload', aggregationType: 'SUM', aggregationProperty: 'bytes' }, { id: 'bytes' });
    local.simulator.addEvents([1.7e308, 1.7e308].map((bytes) => ({ customerAlias: 'a', eventType: 'upload', eventProperties: { bytes } })));
    const response = await local.get('/usage-metrics/bytes/calculate?customerAliases=a&periodStart=2024-03-01&periodEnd=2024-03-31');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual({
      error: { type: 'calculationError', message: 'The sum of bytes for metric bytes exceeds the largest number the API can return' },
    });
  });

  it('reports no unexpected errors', () => {
    expect(harness.unexpected).toStrictEqual([]);
  });
});

describe('calculate: empty parameters', () => {
  it('names every empty parameter in one answer', async () => {
    const response = await calculate('customerAliases=&periodStart=&periodEnd=2024-03-31&customParameters=');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(
      invalid(
        item('customerAliases', 'customerAliases must list at least one customer alias, separated by commas'),
        item('periodStart', `periodStart must be ${FORMAT}`),
        item('customParameters', 'customParameters must be a JSON object of string values, e.g. {"myParam":"10"}; it is not valid JSON'),
      ),
    );
  });

  it('names a missing parameter beside an empty one', async () => {
    const response = await calculate('periodStart=&periodEnd=2024-03-31');
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(invalid(item('customerAliases', 'customerAliases is required')));
  });
});
