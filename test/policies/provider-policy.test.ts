/** createProviderPolicy around a scripted in-process fetch: which calls are repeated, refused or cut. */
import { defaultPolicySettings, type PolicySettings } from '../../src/config';
import { GatewayError } from '../../src/errors';
import { createGatewayEvents } from '../../src/events';
import { runWithDeadline, startDeadline } from '../../src/policies/deadline';
import { createProviderPolicy } from '../../src/policies/provider-policy';
import type { Fetch } from '../../src/providers/upstream';

type Script = (call: number, init: RequestInit | undefined) => Response | Promise<Response>;

function scripted(script: Script): { fetch: Fetch; calls: () => number } {
  let calls = 0;
  return { fetch: async (_input, init) => script(++calls, init), calls: () => calls };
}

function settings(overrides: Partial<PolicySettings> = {}): PolicySettings {
  return { id: 'fp', timeoutMs: 1_000, ...defaultPolicySettings, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, ...overrides };
}

const ok = () => new Response('{}', { status: 200 });
const status = (code: number, headers: Record<string, string> = {}) => new Response(null, { status: code, headers });

describe('createProviderPolicy', () => {
  it('retries 408, 429, 502, 503 and 504 answers, never another 4xx nor a 500', async () => {
    for (const code of [408, 429, 502, 503, 504]) {
      const upstream = scripted((call) => (call === 1 ? status(code) : ok()));
      const fetch = createProviderPolicy({ settings: settings(), deadlineMs: 2_000 }).wrap(upstream.fetch, { retryAnyMethod: true });
      expect((await fetch('http://fp.invalid/v1/x', { method: 'POST' })).status).toBe(200);
      expect(upstream.calls()).toBe(2);
    }
    for (const code of [400, 401, 403, 404, 409, 422, 500]) {
      const upstream = scripted(() => status(code));
      const fetch = createProviderPolicy({ settings: settings(), deadlineMs: 2_000 }).wrap(upstream.fetch, { retryAnyMethod: true });
      expect((await fetch('http://fp.invalid/v1/x', { method: 'POST' })).status).toBe(code);
      expect(upstream.calls()).toBe(1);
    }
  });

  it('retries thrown provider failures (timeouts, outages) but not other errors', async () => {
    const outage = scripted((call) => {
      if (call === 1) throw new GatewayError('upstream_unavailable', { detail: 'fp cannot be reached', provider: 'fp' });
      return ok();
    });
    const fetch = createProviderPolicy({ settings: settings(), deadlineMs: 2_000 }).wrap(outage.fetch, { retryAnyMethod: true });
    expect((await fetch('http://fp.invalid/v1/x')).status).toBe(200);
    expect(outage.calls()).toBe(2);

    const violation = scripted(() => {
      throw new GatewayError('upstream_contract_violation', { detail: 'off spec', provider: 'fp' });
    });
    const strict = createProviderPolicy({ settings: settings(), deadlineMs: 2_000 }).wrap(violation.fetch, { retryAnyMethod: true });
    await expect(strict('http://fp.invalid/v1/x')).rejects.toMatchObject({ code: 'upstream_contract_violation' });
    expect(violation.calls()).toBe(1);
  });

  it('without retryAnyMethod, repeats idempotent methods and keyed requests only', async () => {
    const answers = async (init: RequestInit) => {
      const upstream = scripted(() => status(503));
      const fetch = createProviderPolicy({ settings: settings(), deadlineMs: 2_000 }).wrap(upstream.fetch, { retryAnyMethod: false });
      await fetch('http://fp.invalid/v1/x', init);
      return upstream.calls();
    };
    expect(await answers({ method: 'GET' })).toBe(3);
    expect(await answers({ method: 'PUT' })).toBe(3);
    expect(await answers({ method: 'DELETE' })).toBe(3);
    expect(await answers({ method: 'POST' })).toBe(1);
    expect(await answers({ method: 'PATCH' })).toBe(1);
    expect(await answers({ method: 'POST', headers: { 'Idempotency-Key': 'k1' } })).toBe(3);
  });

  it('honours a Retry-After HTTP date that fits in the deadline', async () => {
    const upstream = scripted((call) => (call === 1 ? status(429, { 'Retry-After': new Date(Date.now() + 1_500).toUTCString() }) : ok()));
    const fetch = createProviderPolicy({ settings: settings(), deadlineMs: 5_000 }).wrap(upstream.fetch, { retryAnyMethod: true });
    const started = Date.now();
    expect((await fetch('http://fp.invalid/v1/x')).status).toBe(200);
    // toUTCString drops the milliseconds: the wait is between 0.5 and 1.5 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(upstream.calls()).toBe(2);
  });

  it('opens after failureThreshold consecutive failures, refuses without calling, and reports it', async () => {
    const events = createGatewayEvents();
    const changes: string[] = [];
    events.on('breaker', (event) => changes.push(event.state));
    const upstream = scripted(() => status(500));
    const policy = createProviderPolicy({ settings: settings({ retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 5 }, circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: 60_000 } }), deadlineMs: 2_000, events });
    const fetch = policy.wrap(upstream.fetch, { retryAnyMethod: true });
    expect(policy.breakerStatus()).toStrictEqual({ state: 'closed', lastFailureAt: null });
    for (let index = 0; index < 3; index += 1) expect((await fetch('http://fp.invalid/v1/x')).status).toBe(500);
    await expect(fetch('http://fp.invalid/v1/x')).rejects.toMatchObject({ code: 'upstream_unavailable', status: 503, headers: { 'Retry-After': '60' } });
    expect(upstream.calls()).toBe(3);
    expect(policy.breakerStatus().state).toBe('open');
    expect(policy.breakerStatus().lastFailureAt).not.toBeNull();
    expect(changes).toStrictEqual(['open']);
  });

  it('a success between failures keeps the breaker closed (failures must be consecutive)', async () => {
    const upstream = scripted((call) => (call % 3 === 0 ? ok() : status(500)));
    const policy = createProviderPolicy({ settings: settings({ retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 5 }, circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: 60_000 } }), deadlineMs: 2_000 });
    const fetch = policy.wrap(upstream.fetch, { retryAnyMethod: true });
    for (let index = 0; index < 9; index += 1) await fetch('http://fp.invalid/v1/x');
    expect(policy.breakerStatus().state).toBe('closed');
    expect(upstream.calls()).toBe(9);
  });

  it('queues past maxConcurrent up to maxQueued, and refuses the rest at once', async () => {
    const events = createGatewayEvents();
    let rejected = 0;
    events.on('bulkheadRejected', () => (rejected += 1));
    const upstream = scripted(() => new Promise((resolve) => setTimeout(() => resolve(ok()), 50)));
    const fetch = createProviderPolicy({ settings: settings({ bulkhead: { maxConcurrent: 1, maxQueued: 1 } }), deadlineMs: 2_000, events }).wrap(upstream.fetch, { retryAnyMethod: true });
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => fetch('http://fp.invalid/v1/x')));
    expect(outcomes.map((outcome) => outcome.status)).toStrictEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(upstream.calls()).toBe(2);
    expect(rejected).toBe(1);
  });

  it('answers 504 when the request deadline passes, whatever is still running', async () => {
    const upstream = scripted((_call, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))));
    const fetch = createProviderPolicy({ settings: settings(), deadlineMs: 10_000 }).wrap(upstream.fetch, { retryAnyMethod: true });
    const deadline = startDeadline(150);
    const started = Date.now();
    await expect(runWithDeadline(deadline, () => fetch('http://fp.invalid/v1/x', { signal: deadline.signal }))).rejects.toMatchObject({ code: 'upstream_timeout', status: 504 });
    expect(Date.now() - started).toBeLessThan(400);
  });
});
