/** The service's callers and the provider work they share: who stops it, what it carries. */
import { deadlineOf, untilAborted } from '../../src/policies/deadline';
import { bindScope, scopeOf, type RequestScope } from '../../src/request-scope';
import type { UsageQuery } from '../../src/usage/model';
import { createUsageService } from '../../src/usage/service';
import { fakeProvider } from '../helpers/fake-provider';
import { testLimits } from '../helpers/test-app';

const query: UsageQuery = { provider: 'held', metric: 'api_request', customers: ['c1'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };

/** A provider whose calls wait until their signal aborts (recorded in `queries`). */
const heldProvider = () => fakeProvider({ id: 'held', answer: (options) => untilAborted(new Promise<never>(() => undefined), options.signal) });

describe('usage service: callers sharing a provider call', () => {
  it('stops the provider call only once every caller waiting for it has gone, with the last one\'s reason', async () => {
    const provider = heldProvider();
    const service = createUsageService({ providers: [provider], limits: testLimits });
    const first = new AbortController();
    const second = new AbortController();
    const firstAnswer = service.query(query, { signal: first.signal });
    const secondAnswer = service.query(query, { signal: second.signal });
    await new Promise((resolve) => setImmediate(resolve));
    expect(provider.queries).toHaveLength(1);
    const upstream = provider.queries[0]!.signal;

    first.abort(new Error('first caller left'));
    await expect(firstAnswer).rejects.toThrow('first caller left');
    expect(upstream.aborted).toBe(false);

    second.abort(new Error('second caller left'));
    await expect(secondAnswer).rejects.toThrow('second caller left');
    expect(upstream.aborted).toBe(true);
    expect(upstream.reason).toStrictEqual(new Error('second caller left'));
  });

  it('gives the provider a signal carrying the query deadline and the scope of the request that asked', async () => {
    const provider = heldProvider();
    const service = createUsageService({ providers: [provider], limits: { ...testLimits, queryDeadlineMs: 5_000 } });
    const caller = new AbortController();
    const scope: RequestScope = { warnings: [], trace: undefined, logger: undefined };
    bindScope(caller.signal, { request: scope });
    const answer = service.query(query, { signal: caller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    const given = provider.queries[0]!.signal;
    expect(scopeOf(given)?.request).toBe(scope);
    expect(deadlineOf(given)?.budgetMs).toBe(5_000);
    caller.abort(new Error('done'));
    await expect(answer).rejects.toThrow('done');
  });
});
