/**
 * The resilience policies end to end: a gateway in front of loopback fake providers that fail,
 * rate limit, hang and recover, asserting statuses, upstream call counts and that every answer
 * comes within the query deadline.
 */
import type { Gateway } from '../../src/gateway';
import { flexpriceAt, flexpriceQuery, startConfiguredGateway, usageAnswer } from '../helpers/configured-gateway';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { getJson, postJson } from '../helpers/gateway';

const DEADLINE_MS = 1_500;

describe('resilience policies against a faulty provider', () => {
  let flaky: FakeUpstream;
  let hanging: FakeUpstream;
  let patient: FakeUpstream;
  let narrow: FakeUpstream;
  let gateway: Gateway;
  const retries: { provider: string; attempt: number; delayMs: number; reason: string }[] = [];
  const breakerChanges: { provider: string; state: string }[] = [];
  const query = (provider: string, customer?: string, headers: Record<string, string> = {}) => postJson(`${gateway.url}/v1/usage/query`, flexpriceQuery(provider, customer), headers);
  const timed = async <T>(run: () => Promise<T>): Promise<{ answer: T; ms: number }> => {
    const started = performance.now();
    const answer = await run();
    return { answer, ms: performance.now() - started };
  };

  beforeAll(async () => {
    [flaky, hanging, patient, narrow] = await Promise.all([startFakeUpstream('flexprice', '/v1'), startFakeUpstream('flexprice', '/v1'), startFakeUpstream('flexprice', '/v1'), startFakeUpstream('flexprice', '/v1')]);
    gateway = await startConfiguredGateway({
      providers: [
        flexpriceAt('flaky', flaky.baseUrl, { timeoutMs: 5_000 }),
        flexpriceAt('hanging', hanging.baseUrl, { circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: 400 } }),
        flexpriceAt('patient', patient.baseUrl, { timeoutMs: 10_000 }),
        flexpriceAt('narrow', narrow.baseUrl, { timeoutMs: 5_000, bulkhead: { maxConcurrent: 1, maxQueued: 0 } }),
      ],
      limits: { queryDeadlineMs: DEADLINE_MS },
      cache: { ttlSeconds: 0 },
    });
    // The request validator compiles the spec on its first request: do that before timing anything.
    await getJson(`${gateway.url}/v1/providers`);
    gateway.events.on('retry', (event) => retries.push(event));
    gateway.events.on('breaker', (event) => breakerChanges.push(event));
  });
  afterAll(async () => {
    await gateway.close({ graceMs: 0 });
    await Promise.all([flaky, hanging, patient, narrow].map((upstream) => upstream.close()));
  });
  beforeEach(() => {
    for (const upstream of [flaky, hanging, patient, narrow]) upstream.requests.length = 0;
    retries.length = 0;
  });

  it('retries a provider failing one call in two: every query succeeds, two calls each', async () => {
    let calls = 0;
    flaky.respond(() => (++calls % 2 === 1 ? { status: 503, body: { error: { message: 'try again' } } } : { status: 200, body: usageAnswer }));
    const answers = [];
    for (const customer of ['a', 'b', 'c', 'd']) answers.push(await query('flaky', customer));
    expect(answers.map((answer) => answer.status)).toStrictEqual([200, 200, 200, 200]);
    expect(flaky.requests).toHaveLength(8);
    expect(retries.map((event) => [event.provider, event.attempt, event.reason])).toStrictEqual(Array.from({ length: 4 }, () => ['flaky', 1, 'status 503']));
    for (const event of retries) expect(event.delayMs).toBeLessThan(10);
  });

  it('retries a bare 502 from a proxy and answers once the provider recovers', async () => {
    let calls = 0;
    flaky.respond(() => (++calls === 1 ? { status: 502 } : { status: 200, body: usageAnswer }));
    expect((await query('flaky', 'net')).status).toBe(200);
    expect(flaky.requests).toHaveLength(2);
  });

  it('honours a 429 Retry-After that fits in the deadline, then answers', async () => {
    let calls = 0;
    flaky.respond(() => (++calls === 1 ? { status: 429, headers: { 'Retry-After': '1' }, body: { error: { message: 'slow down' } } } : { status: 200, body: usageAnswer }));
    const { answer, ms } = await timed(() => query('flaky', 'ra'));
    expect(answer.status).toBe(200);
    expect(flaky.requests).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(DEADLINE_MS + 100);
  });

  it('answers 503 upstream_rate_limited at once, passing Retry-After on, when the wait exceeds the deadline', async () => {
    flaky.respond(() => ({ status: 429, headers: { 'Retry-After': '30' }, body: { error: { message: 'slow down' } } }));
    const { answer, ms } = await timed(() => query('flaky', 'ra-long'));
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('upstream_rate_limited');
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(flaky.requests).toHaveLength(1);
    expect(ms).toBeLessThan(500);
  });

  it('never retries another 4xx', async () => {
    flaky.respond(() => ({ status: 400, body: { error: { message: 'bad' } } }));
    const answer = await query('flaky', 'bad');
    expect(answer.status).toBe(422);
    expect(flaky.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts on a provider that keeps failing', async () => {
    flaky.respond(() => ({ status: 503, body: { error: { message: 'down' } } }));
    const answer = await query('flaky', 'down');
    expect(answer.status).toBe(502);
    expect(answer.body.code).toBe('upstream_error');
    expect(flaky.requests).toHaveLength(3);
  });

  it('opens the breaker on a hanging provider, refuses at once without calling it, then probes and closes', async () => {
    hanging.respond(() => ({ status: 200, body: usageAnswer, delayMs: 2_000 }));
    const first = await timed(() => query('hanging', 'h1'));
    expect(first.answer.status).toBe(504);
    expect(first.answer.body.code).toBe('upstream_timeout');
    expect(first.ms).toBeLessThan(DEADLINE_MS + 100);
    expect(hanging.requests).toHaveLength(3);

    const described = await getJson(`${gateway.url}/v1/providers/hanging`);
    expect(described.body.circuitBreaker.state).toBe('open');
    expect(Date.parse(described.body.circuitBreaker.lastFailureAt)).toBeGreaterThan(Date.now() - 5_000);

    const refused = await timed(() => query('hanging', 'h2'));
    expect(refused.answer.status).toBe(503);
    expect(refused.answer.body.code).toBe('upstream_unavailable');
    expect(Number(refused.answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.ms).toBeLessThan(100);
    expect(hanging.requests).toHaveLength(3);

    const native = await postJson(`${gateway.url}/v1/native/hanging/events/usage`, { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme' });
    expect(native.status).toBe(503);
    expect(native.body.code).toBe('upstream_unavailable');
    expect(hanging.requests).toHaveLength(3);

    hanging.respond(() => ({ status: 200, body: usageAnswer }));
    await new Promise((resolve) => setTimeout(resolve, 450));
    const probe = await query('hanging', 'h3');
    expect(probe.status).toBe(200);
    expect(hanging.requests).toHaveLength(4);
    expect((await getJson(`${gateway.url}/v1/providers/hanging`)).body.circuitBreaker.state).toBe('closed');
    expect(breakerChanges.filter((event) => event.provider === 'hanging').map((event) => event.state)).toStrictEqual(['open', 'half-open', 'closed']);
  });

  it('answers 504 at the whole-query deadline when one attempt would outlast it', async () => {
    patient.respond(() => ({ status: 200, body: usageAnswer, delayMs: 4_000 }));
    const { answer, ms } = await timed(() => query('patient', 'p1'));
    expect(answer.status).toBe(504);
    expect(answer.body.code).toBe('upstream_timeout');
    expect(answer.body.detail).toContain('query deadline');
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(ms).toBeLessThan(DEADLINE_MS + 150);
    expect(patient.requests).toHaveLength(1);
  });

  it('keeps backoff and Retry-After waits inside the deadline', async () => {
    patient.respond(() => ({ status: 503, headers: { 'Retry-After': '1' }, body: { error: { message: 'busy' } } }));
    const { answer, ms } = await timed(() => query('patient', 'p2'));
    expect(answer.status).toBe(502);
    expect(ms).toBeLessThan(DEADLINE_MS + 150);
    expect(patient.requests).toHaveLength(2);
  });

  it('refuses calls past the bulkhead with 503 at once', async () => {
    narrow.respond(() => ({ status: 200, body: usageAnswer, delayMs: 150 }));
    const answers = await Promise.all(['n1', 'n2', 'n3'].map((customer) => query('narrow', customer)));
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([200, 503, 503]);
    const refused = answers.find((answer) => answer.status === 503);
    expect(refused?.body.code).toBe('upstream_unavailable');
    expect(refused?.headers.get('retry-after')).toBe('1');
    expect(narrow.requests).toHaveLength(1);
  });
});
