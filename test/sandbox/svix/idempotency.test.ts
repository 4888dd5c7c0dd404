import { createIdempotencyCache, idempotencyScope, IDEMPOTENCY_TTL_MS } from '../../../src/sandbox/svix/idempotency';
import { ATTEMPTS, AUTH, harness, STATS } from './harness';

const since = '2025-01-01T00:00:00Z';
const until = '2025-01-02T00:00:00Z';
const keyed = (key: string, authorization = AUTH) => ({ authorization, 'idempotency-key': key });

function seeded() {
  const h = harness();
  h.simulator.createApp({ uid: 'acme' });
  h.simulator.recordAttempts({ app: 'acme', timestamp: '2025-01-01T01:00:00Z', count: 3 });
  return h;
}

describe('idempotency-key', () => {
  it('replays the first answer, same task id, even for a different body', async () => {
    const h = seeded();
    const first = await h.post(STATS, { since, until }, keyed('key-1'));
    h.clock.now += 60_000;
    const again = await h.post(STATS, { since, until }, keyed('key-1'));
    const otherBody = await h.post(STATS, { since, until, appIds: ['acme'] }, keyed('key-1'));
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toStrictEqual(first.body);
    expect(otherBody.status).toBe(202);
    expect(otherBody.body).toStrictEqual(first.body);
  });

  it.each([
    ['another key', STATS, keyed('key-2')],
    ['another token', STATS, keyed('key-1', 'Bearer second-token')],
    ['the other path form', `${STATS}/`, keyed('key-1')],
    ['no key', STATS, { authorization: AUTH }],
  ])('starts a new task for %s', async (_label, path, headers) => {
    const h = seeded();
    const first = await h.post(STATS, { since, until }, keyed('key-1'));
    const second = await h.post(path, { since, until }, headers);
    expect(second.status).toBe(202);
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('does not keep errors: a retry with the same key runs again', async () => {
    const h = seeded();
    const refused = await h.post(STATS, { since, until, appIds: ['nobody'] }, keyed('key-1'));
    expect(refused.status).toBe(422);
    const accepted = await h.post(STATS, { since, until, appIds: ['acme'] }, keyed('key-1'));
    expect(accepted.status).toBe(202);
    expect(accepted.body.unresolvedAppIds).toStrictEqual([]);
  });

  it('keeps an answer for 12 hours on the injected clock, counted from the first request', async () => {
    const h = seeded();
    const first = await h.post(STATS, { since, until }, keyed('key-1'));
    h.clock.now += IDEMPOTENCY_TTL_MS - 1;
    expect((await h.post(STATS, { since, until }, keyed('key-1'))).body.id).toBe(first.body.id);
    h.clock.now += 1;
    const expired = await h.post(STATS, { since, until }, keyed('key-1'));
    expect(expired.status).toBe(202);
    expect(expired.body.id).not.toBe(first.body.id);
    expect(IDEMPOTENCY_TTL_MS).toBe(43_200_000);
  });

  it('covers the sandbox POST routes too, so a retried seed records once', async () => {
    const h = seeded();
    const body = { app: 'acme', timestamp: '2025-01-01T02:00:00Z', count: 10 };
    const first = await h.post(ATTEMPTS, body, keyed('seed-1'));
    const retry = await h.post(ATTEMPTS, body, keyed('seed-1'));
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body).toStrictEqual({ recorded: 10 });
    expect(h.simulator.attemptCount()).toBe(13);
  });
});

describe('createIdempotencyCache', () => {
  it('forgets the oldest answers past maxEntries', () => {
    const cache = createIdempotencyCache({ now: () => 0, maxEntries: 2 });
    for (const scope of ['a', 'b', 'c']) cache.remember(scope, { status: 202, body: { scope } });
    expect([cache.lookup('a'), cache.lookup('b'), cache.lookup('c')]).toStrictEqual([
      undefined,
      { status: 202, body: { scope: 'b' } },
      { status: 202, body: { scope: 'c' } },
    ]);
  });

  it('does not replay an expired answer when the clock was set back in between', () => {
    const clock = { now: 10 * IDEMPOTENCY_TTL_MS };
    const cache = createIdempotencyCache({ now: () => clock.now, maxEntries: 10 });
    cache.remember('late', { status: 202, body: 1 });
    clock.now = 0;
    cache.remember('early', { status: 202, body: 2 });
    clock.now = IDEMPOTENCY_TTL_MS;
    expect([cache.lookup('early'), cache.lookup('late')]).toStrictEqual([undefined, { status: 202, body: 1 }]);
  });

  it('hands out copies, so a caller cannot change a stored answer', () => {
    const cache = createIdempotencyCache({ now: () => 0, maxEntries: 10 });
    const body = { list: [1] };
    cache.remember('k', { status: 201, body });
    body.list.push(2);
    (cache.lookup('k')?.body as { list: number[] }).list.push(3);
    expect(cache.lookup('k')).toStrictEqual({ status: 201, body: { list: [1] } });
  });

  it('scopes by authorization, key and URI, and never keeps the token in the clear', () => {
    const scope = idempotencyScope('Bearer secret-token', 'key', '/path');
    expect(scope).toMatch(/^[0-9a-f]{64}$/);
    expect(scope).not.toContain('secret');
    const otherToken = idempotencyScope('Bearer other', 'key', '/path');
    const otherPath = idempotencyScope('Bearer secret-token', 'key', '/path/');
    expect(new Set([scope, otherToken, otherPath]).size).toBe(3);
  });
});
