/**
 * The shared contract every adapter must honour, run against each one (talking to its sandbox
 * simulator over HTTP). A provider that skips a case says why.
 */
import { GatewayError } from '../../src/errors';
import type { UsageQuery, UsageReport } from '../../src/usage/model';
import type { QueryOutcome, UsageProvider } from '../../src/usage/usage-provider';

export interface ContractSubject {
  /** The adapter under test, with valid credentials. */
  provider: UsageProvider;
  /** The same adapter with a credential the provider refuses. */
  withWrongCredential: UsageProvider;
  /** The credential `withWrongCredential` sends: it must never appear in an error. */
  wrongCredential: string;
  /** A query with data behind it. */
  query: UsageQuery;
  /** A windowed query, or why the provider cannot answer one. */
  windowed: UsageQuery | { skip: string };
}

async function settle(provider: UsageProvider, query: UsageQuery, outcome: QueryOutcome): Promise<UsageReport> {
  let current = outcome;
  for (let attempt = 0; current.kind === 'pending' && attempt < 100; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!provider.poll) throw new Error('a pending outcome from a provider without poll()');
    current = await provider.poll({ query, upstreamTaskId: current.upstreamTaskId, warnings: current.warnings, signal: new AbortController().signal });
  }
  if (current.kind !== 'complete') throw new Error('the task did not finish');
  return current.report;
}

export function describeUsageProvider(name: string, setup: () => ContractSubject): void {
  describe(`${name} honours the UsageProvider contract`, () => {
    const run = async (provider: UsageProvider, query: UsageQuery) =>
      settle(provider, query, await provider.query({ query, signal: new AbortController().signal }));

    it('declares poll() exactly when it is asynchronous', () => {
      const { provider } = setup();
      expect(typeof provider.poll === 'function').toBe(provider.capabilities.async);
    });

    it('answers a report that echoes the query, with no raw body unless asked', async () => {
      const { provider, query } = setup();
      const report = await run(provider, query);
      expect(report).toMatchObject({ provider: provider.id, providerType: provider.type, metric: query.metric, from: query.from, to: query.to, status: 'complete', windows: null });
      expect(report.value).toBeGreaterThan(0);
      expect(Object.hasOwn(report, 'raw')).toBe(false);
      const withRaw = await run(provider, { ...query, include: ['raw'] });
      expect(withRaw.raw).toEqual(expect.anything());
      expect(withRaw.value).toBe(report.value);
    });

    it('answers windows in order, inside the period, without overlap', async () => {
      const { provider, windowed } = setup();
      if ('skip' in windowed) {
        console.info(`${name}: windows skipped: ${windowed.skip}`);
        expect(provider.capabilities.windowSizes).toStrictEqual([]);
        return;
      }
      const report = await run(provider, windowed);
      const windows = report.windows ?? [];
      expect(windows.length).toBeGreaterThan(1);
      let previousEnd = Date.parse(windowed.from);
      for (const window of windows) {
        expect(Date.parse(window.start)).toBeGreaterThanOrEqual(previousEnd);
        expect(Date.parse(window.end)).toBeGreaterThan(Date.parse(window.start));
        previousEnd = Date.parse(window.end);
      }
      expect(previousEnd).toBeLessThanOrEqual(Date.parse(windowed.to));
    });

    it('turns refused credentials into 502 upstream_auth_failed without the credential', async () => {
      const { withWrongCredential, query, wrongCredential } = setup();
      const error = await run(withWrongCredential, query).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('upstream_auth_failed');
      expect((error as GatewayError).status).toBe(502);
      expect(JSON.stringify((error as GatewayError).toProblem('r'))).not.toContain(wrongCredential);
    });

    it('stops when the caller aborts', async () => {
      const { provider, query } = setup();
      const controller = new AbortController();
      controller.abort(new Error('caller left'));
      await expect(provider.query({ query, signal: controller.signal })).rejects.toThrow();
    });
  });
}
