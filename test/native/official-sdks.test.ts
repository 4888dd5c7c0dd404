/**
 * The providers' official clients work unchanged against the gateway: `svix` with `serverUrl` at
 * /v1/native/svix and `@flexprice/sdk` with `serverURL` at /v1/native/flexprice, each with the
 * gateway key where it would put the provider's credential. Both packages are ESM only and jest
 * runs CommonJS, so each SDK runs in a small script spawned with node; figures are counted from
 * the sandbox's demo data.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { demoAttempts, demoEvents } from '../../src/sandbox/demo-data';
import { gatewayKey, startSandboxGateway, type LoggedGateway } from './native-gateway';

const run = promisify(execFile);
const september = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const inSeptember = (timestamp: string) => timestamp >= september.from && timestamp < september.to;
const acmeRequests = demoEvents().filter((event) => event.name === 'api_request' && event.customer === 'acme' && inSeptember(event.timestamp));
const attempts = (app: string) => demoAttempts().filter((item) => item.app === app && inSeptember(item.timestamp)).reduce((total, item) => total + item.count, 0);

/** Flexprice's WEEK windows start on the Sunday on or before the event's day (UTC). */
function weekStart(timestamp: string): string {
  const day = new Date(timestamp.slice(0, 10) + 'T00:00:00Z');
  day.setUTCDate(day.getUTCDate() - day.getUTCDay());
  return day.toISOString().replace('.000Z', 'Z');
}

async function runScript(script: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, script), ...args], { timeout: 20_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('official SDKs through /v1/native', () => {
  let setup: LoggedGateway;
  beforeAll(async () => {
    setup = await startSandboxGateway();
  });
  afterAll(() => setup.gateway.close());

  it('svix: aggregateAppStats, then backgroundTask.get until finished', async () => {
    const output = await runScript('svix-sdk.mjs', [setup.gateway.url, gatewayKey, september.from, september.to, 'acme,initech,nobody']);
    expect(output.started).toStrictEqual({
      id: expect.stringMatching(/^qtask_[A-Za-z0-9]{27}$/),
      status: 'running',
      task: 'application.stats',
      unresolvedAppIds: ['nobody'],
      updatedAt: expect.any(String),
    });
    const task = output.task as { id: string; status: string; task: string; data: { appStats: { appId: string; appUid: string; messageDestinations: number }[] } };
    expect(task.id).toBe((output.started as { id: string }).id);
    expect([task.status, task.task]).toStrictEqual(['finished', 'application.stats']);
    const figures = task.data.appStats.map((item) => [item.appUid, item.messageDestinations]).sort();
    expect(figures).toStrictEqual([['acme', attempts('acme')], ['initech', attempts('initech')]]);
    expect(task.data.appStats.every((item) => /^app_[A-Za-z0-9]{27}$/.test(item.appId))).toBe(true);
  });

  it('@flexprice/sdk: events.getUsageStatistics, scalar and windowed', async () => {
    const output = await runScript('flexprice-sdk.mjs', [setup.gateway.url, gatewayKey, september.from, september.to, 'acme']);
    expect(output.sum).toStrictEqual({
      eventName: 'api_request',
      type: 'SUM',
      value: acmeRequests.reduce((total, event) => total + Number(event.properties.bytes), 0),
    });
    const perWeek = new Map<string, number>();
    for (const event of acmeRequests) perWeek.set(weekStart(event.timestamp), (perWeek.get(weekStart(event.timestamp)) ?? 0) + 1);
    expect(output.weekly).toStrictEqual({
      eventName: 'api_request',
      type: 'COUNT',
      results: [...perWeek].sort(([left], [right]) => left.localeCompare(right)).map(([windowSize, value]) => ({ windowSize, value })),
    });
    expect((output.weekly as { results: unknown[] }).results).toHaveLength(5);
  });
});
