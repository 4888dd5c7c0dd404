import { createHarness } from './harness';

const item = (key: string, message: string) => ({ code: 'validationError', message, key });
const invalid = (...errors: ReturnType<typeof item>[]) => ({ error: { type: 'validationError', message: 'Request data validation failed', errors } });
// Sequence's cursors are base64 of the item id; ours use the URL-safe alphabet, the same for UUIDs.
const cursor = (id: string) => Buffer.from(id).toString('base64url');

describe('GET /usage-metrics', () => {
  const harness = createHarness();
  const ids: string[] = [];
  beforeAll(async () => {
    for (const name of ['first', 'second', 'third']) {
      const response = await harness.post('/usage-metrics', { name, metricType: 'SIMPLE', eventType: 'api_call', aggregationType: 'COUNT' });
      ids.push(response.body.id);
    }
  });
  const names = (body: { items: { name: string }[] }) => body.items.map((metric) => metric.name);

  it('lists every metric in creation order by default', async () => {
    const response = await harness.get('/usage-metrics');
    expect(response.status).toBe(200);
    expect(names(response.body)).toStrictEqual(['first', 'second', 'third']);
    expect(response.body.pagination).toStrictEqual({ totalResultSize: 3 });
  });

  it('pages forward with limit and the after cursor', async () => {
    const page1 = await harness.get('/usage-metrics?limit=2');
    expect(names(page1.body)).toStrictEqual(['first', 'second']);
    expect(page1.body.pagination).toStrictEqual({ after: cursor(ids[1] ?? ''), totalResultSize: 3 });
    const page2 = await harness.get(`/usage-metrics?limit=2&after=${page1.body.pagination.after}`);
    expect(names(page2.body)).toStrictEqual(['third']);
    expect(page2.body.pagination).toStrictEqual({ before: cursor(ids[2] ?? ''), totalResultSize: 3 });
  });

  it('pages back with the before cursor', async () => {
    const response = await harness.get(`/usage-metrics?limit=1&before=${cursor(ids[2] ?? '')}`);
    expect(names(response.body)).toStrictEqual(['second']);
    expect(response.body.pagination).toStrictEqual({ after: cursor(ids[1] ?? ''), before: cursor(ids[1] ?? ''), totalResultSize: 3 });
  });

  it.each([
    ['limit=0', item('limit', 'limit must be >= 1')],
    ['limit=101', item('limit', 'limit must be <= 100')],
    ['limit=ten', item('limit', 'limit must be integer')],
    ['after=bm90LWEtbWV0cmlj', item('after', 'after is not a cursor from a previous page of this list')],
    ['before=%3D%3D', item('before', 'before is not a cursor from a previous page of this list')],
  ])('answers 400 for %s', async (query, expected) => {
    const response = await harness.get(`/usage-metrics?${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(invalid(expected));
  });

  it('refuses after and before together', async () => {
    const response = await harness.get(`/usage-metrics?after=${cursor(ids[0] ?? '')}&before=${cursor(ids[2] ?? '')}`);
    expect(response.status).toBe(400);
    expect(response.body).toStrictEqual(invalid(item('before', 'Pass either after or before, not both')));
  });
});
