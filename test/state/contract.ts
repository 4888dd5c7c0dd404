/**
 * The contract every GatewayState implementation keeps (memory.ts, redis.ts): the same cases run
 * against each, so the gateway behaves the same on one instance or many.
 */
import type { GatewayState } from '../../src/state/stores';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeGatewayState(name: string, create: () => Promise<GatewayState>): void {
  describe(`GatewayState contract: ${name}`, () => {
    let state: GatewayState;
    beforeAll(async () => {
      state = await create();
    });
    afterAll(() => state.close());

    it('is ready', async () => {
      expect(await state.ready()).toBe(true);
    });

    describe('tasks', () => {
      it('gives back what was put, and nothing for an unknown id', async () => {
        const task = { providerId: 'svix', upstreamTaskId: 'qtask_1', query: { provider: 'svix', metric: 'x' }, warnings: [] };
        await state.tasks.put('ugt_a', task, 60_000);
        expect(await state.tasks.get('ugt_a')).toStrictEqual(task);
        expect(await state.tasks.get('ugt_unknown')).toBeUndefined();
      });

      it('forgets a task once it expires', async () => {
        await state.tasks.put('ugt_short', { providerId: 'svix' }, 50);
        await pause(150);
        expect(await state.tasks.get('ugt_short')).toBeUndefined();
      });

      it('counts the tasks held, leaving out expired ones', async () => {
        const before = await state.tasks.count();
        await state.tasks.put('ugt_count_long', { providerId: 'svix' }, 60_000);
        await state.tasks.put('ugt_count_short', { providerId: 'svix' }, 50);
        expect(await state.tasks.count()).toBe(before + 2);
        await pause(150);
        expect(await state.tasks.count()).toBe(before + 1);
        expect(await state.tasks.get('ugt_count_long')).toStrictEqual({ providerId: 'svix' });
      });
    });

    describe('idempotency', () => {
      it('records a key once and then answers the fingerprint it holds', async () => {
        expect(await state.idempotency.claim('svix\nk1', 'fp-a', 60_000)).toBeUndefined();
        expect(await state.idempotency.claim('svix\nk1', 'fp-b', 60_000)).toBe('fp-a');
        expect(await state.idempotency.claim('svix\nk2', 'fp-b', 60_000)).toBeUndefined();
      });

      it('lets exactly one of many concurrent claims win', async () => {
        const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => state.idempotency.claim('svix\nrace', `fp-${index}`, 60_000)));
        const winners = answers.filter((answer) => answer === undefined);
        expect(winners).toHaveLength(1);
        const held = new Set(answers.filter((answer) => answer !== undefined));
        expect(held.size).toBe(1);
        const winner = `fp-${answers.indexOf(undefined)}`;
        expect([...held]).toStrictEqual([winner]);
      });

      it('forgets a key once it expires', async () => {
        await state.idempotency.claim('svix\nshort', 'fp-a', 50);
        await pause(150);
        expect(await state.idempotency.claim('svix\nshort', 'fp-b', 60_000)).toBeUndefined();
      });
    });

    describe('cache', () => {
      it('serves a stored value with when it was stored and when it expires', async () => {
        const before = Date.now();
        await state.cache.set('flexprice:q1', { value: 5 }, 30_000);
        const entry = await state.cache.get('flexprice:q1');
        expect(entry?.value).toStrictEqual({ value: 5 });
        expect(entry?.storedAt).toBeGreaterThanOrEqual(before);
        expect(entry?.expiresAt).toBe((entry?.storedAt ?? 0) + 30_000);
        expect(await state.cache.get('flexprice:other')).toBeUndefined();
      });

      it('replaces an entry and drops it once it expires', async () => {
        await state.cache.set('flexprice:q2', { value: 1 }, 60_000);
        await state.cache.set('flexprice:q2', { value: 2 }, 50);
        expect((await state.cache.get('flexprice:q2'))?.value).toStrictEqual({ value: 2 });
        await pause(150);
        expect(await state.cache.get('flexprice:q2')).toBeUndefined();
      });
    });

    describe('rate limits', () => {
      it('counts every hit exactly, concurrent ones included, per key', async () => {
        const counts = await Promise.all(Array.from({ length: 50 }, () => state.rateLimits.hit('client-a', 60_000)));
        expect(counts.map((count) => count.count).sort((a, b) => a - b)).toStrictEqual(Array.from({ length: 50 }, (_, index) => index + 1));
        expect((await state.rateLimits.hit('client-b', 60_000)).count).toBe(1);
        for (const { resetMs } of counts) {
          expect(resetMs).toBeGreaterThan(0);
          expect(resetMs).toBeLessThanOrEqual(60_000);
        }
      });

      it('starts again in the next window', async () => {
        const first = await state.rateLimits.hit('client-c', 200);
        await pause(first.resetMs + 20);
        expect((await state.rateLimits.hit('client-c', 200)).count).toBe(1);
      });
    });
  });
}
