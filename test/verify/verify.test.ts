/**
 * `usage-gateway verify` as a process: it passes against every sandbox simulator, fails naming the
 * broken check against deliberately broken providers on loopback, writes JUnit and JSON reports,
 * reproduces its requests from --seed, and exits 2 on a configuration error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCli, runCli } from '../helpers/cli';
import { startBrokenFlexprice, type BrokenProvider, type Fault } from './broken-flexprice';

jest.setTimeout(120_000);

let dir: string;
const fast = ['--rate', '1000'];
const demoWeeks = ['--from', '2026-09-01', '--to', '2026-09-15'];

const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** The elements of an XML document, checked to nest properly; throws on malformed text. */
function xmlElements(text: string): { name: string; attributes: string }[] {
  const body = text.replace(/^<\?xml[^>]*\?>\s*/, '');
  const open: string[] = [];
  const elements: { name: string; attributes: string }[] = [];
  for (const [tag, closing, name, attributes, selfClosing] of body.matchAll(/<(\/?)([A-Za-z]+)([^>]*?)(\/?)>/g)) {
    if (closing) {
      if (open.pop() !== name) throw new Error(`unbalanced ${tag}`);
    } else {
      elements.push({ name: name as string, attributes: attributes as string });
      if (!selfClosing) open.push(name as string);
    }
  }
  if (open.length > 0 || /<(?![/A-Za-z?])|&(?!(amp|lt|gt|quot|apos);)/.test(body)) throw new Error('malformed XML');
  return elements;
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(path.join(tmpdir(), 'usage-gateway-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('against the sandbox simulators', () => {
  it('passes with the three sandbox providers, writing JUnit and JSON reports', async () => {
    const config = write('sandbox.yaml', [
      'providers:',
      '  - { id: flex, type: flexprice, mode: sandbox }',
      '  - { id: seq, type: sequence, mode: sandbox }',
      '  - { id: hooks, type: svix, mode: sandbox }',
      'sandbox: { svixTaskDelayMs: 0 }',
      '',
    ].join('\n'));
    const junit = path.join(dir, 'report.xml');
    const json = path.join(dir, 'report.json');
    const result = await runCli(['verify', '--config', config, ...fast, '--max-requests', '150', '--seed', '7', '--allow-writes', '--junit', junit, '--json', json]);
    expect([result.code, result.stderr]).toStrictEqual([0, 'checking flex (flexprice, sandbox)…\nchecking seq (sequence, sandbox)…\nchecking hooks (svix, sandbox)…\n']);
    expect(result.stdout).toMatch(/^usage-gateway verify · seed 7 · 3 providers · \d+ requests/);
    expect(result.stdout).toContain('PASSED: every check passed');
    for (const check of ['credentials_enforced', 'negative_data_rejection', 'positive_data_acceptance', 'response_schema_conformance']) {
      expect(result.stdout.match(new RegExp(`ok {3}${check} +\\d+ passed`, 'g'))).toHaveLength(3);
    }
    expect(result.stdout).toMatch(/ok {3}sequence_days_add_up +1 passed/);
    expect(result.stdout.match(/ok {3}windows_add_up/g)).toHaveLength(2);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.passed).toBe(true);
    expect(report.providers.map((provider: { id: string }) => provider.id)).toStrictEqual(['flex', 'seq', 'hooks']);
    const operations = new Set(report.requests.map((request: { operation: string }) => request.operation));
    for (const operation of ['POST /events/usage', 'POST /events', 'GET /usage-metrics', 'GET /usage-metrics/{usageMetricId}/calculate', 'POST /usage-events', 'GET /api/v1/background-task/{task_id}']) {
      expect(operations).toContain(operation);
    }
    const elements = xmlElements(readFileSync(junit, 'utf8'));
    expect(elements.filter((element) => element.name === 'testsuite').map((element) => /name="([^"]+)"/.exec(element.attributes)?.[1])).toStrictEqual([
      'flex (flexprice, sandbox)', 'seq (sequence, sandbox)', 'hooks (svix, sandbox)',
    ]);
    expect(elements.some((element) => element.name === 'failure')).toBe(false);
  });

  it('passes with no configuration: the embedded sandbox providers', async () => {
    const result = await runCli(['verify', ...fast, '--max-requests', '60', '--seed', '3']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^flexprice \(flexprice, sandbox\)/m);
    expect(result.stdout).toMatch(/^svix \(svix, sandbox\)/m);
  });

  it('sends the same requests for the same --seed, and others for another seed', async () => {
    const config = write('flex-only.yaml', 'providers:\n  - { id: flex, type: flexprice, mode: sandbox }\n');
    const run = async (seed: string) => {
      const file = path.join(dir, `seed-${seed}-${Math.random()}.json`);
      const result = await runCli(['verify', '--config', config, ...fast, '--max-requests', '30', '--seed', seed, '--json', file]);
      expect(result.code).toBe(0);
      return JSON.parse(readFileSync(file, 'utf8')).requests;
    };
    const [first, again, other] = await Promise.all([run('1234'), run('1234'), run('99')]);
    expect(first.length).toBeGreaterThan(10);
    expect(again).toStrictEqual(first);
    expect(other).not.toStrictEqual(first);
  });
});

describe('against broken providers', () => {
  const faults: [Fault, string][] = [
    ['off-spec-body', 'response_schema_conformance'],
    ['server-error', 'not_a_server_error'],
    ['accepts-invalid', 'negative_data_rejection'],
    ['windows-off', 'windows_add_up'],
    ['credentials-ignored', 'credentials_enforced'],
  ];
  const providers = new Map<Fault, BrokenProvider>();
  beforeAll(async () => {
    for (const [fault] of faults) providers.set(fault, await startBrokenFlexprice(fault));
  });
  afterAll(async () => {
    await Promise.all([...providers.values()].map((provider) => provider.close()));
  });

  it.each(faults)('a provider with the fault %s fails %s, with the request and answer, secrets redacted', async (fault, check) => {
    const provider = providers.get(fault) as BrokenProvider;
    const config = write(`${fault}.yaml`, [
      'providers:',
      `  - id: broken`,
      '    type: flexprice',
      `    baseUrl: ${provider.baseUrl}`,
      '    apiKey: ${BROKEN_FLEXPRICE_KEY}',
      '    verify: { metrics: [api_request], customers: [acme, globex, initech], sumProperty: bytes }',
      '',
    ].join('\n'));
    const junit = path.join(dir, `${fault}.xml`);
    const json = path.join(dir, `${fault}.json`);
    const result = await runCli(['verify', '--config', config, ...fast, ...demoWeeks, '--max-requests', '40', '--seed', '5', '--junit', junit, '--json', json], { BROKEN_FLEXPRICE_KEY: provider.apiKey });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`FAIL ${check} `));
    expect(result.stdout).toMatch(new RegExp(`^FAILED: .*broken ${check}`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^broken · ${check}: .+\\n {4}(POST|GET) http://127\\.0\\.0\\.1:\\d+/`, 'm'));
    // Requests sent with the configured key show it redacted (the invariants' go through the gateway, and the credentials check sends none).
    if (!['windows_add_up', 'credentials_enforced'].includes(check)) expect(result.stdout).toContain('x-api-key: [redacted]');
    const failed = xmlElements(readFileSync(junit, 'utf8')).filter((element) => element.name === 'failure');
    expect(failed.map((element) => /type="([^"]+)"/.exec(element.attributes)?.[1])).toContain(check);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.passed).toBe(false);
    for (const text of [result.stdout, readFileSync(junit, 'utf8'), readFileSync(json, 'utf8')]) expect(text).not.toContain(provider.apiKey);
  });
});

describe('configuration errors', () => {
  it('exits 2 listing every problem of an invalid file', async () => {
    const config = write('invalid.yaml', 'providers:\n  - { id: Bad, type: flexprice }\n  - { id: x, type: stripe }\n');
    const result = await runCli(['verify', '--config', config]);
    expect([result.code, result.stdout]).toStrictEqual([2, '']);
    expect(result.stderr).toContain(`usage-gateway: ${config}: 2 problems`);
    expect(result.stderr).toContain('providers.0.id: lower case letters, digits, - and _');
    expect(result.stderr).toContain('providers.1.type: type must be one of flexprice, sequence, svix');
  });

  it('exits 2 for an unknown --provider and for a live Flexprice without event names', async () => {
    const config = write('live.yaml', 'providers:\n  - { id: live, type: flexprice, baseUrl: "http://127.0.0.1:9/v1", apiKey: some-secret-key }\n');
    const result = await runCli(['verify', '--config', config, '--provider', 'live', '--provider', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--provider nope: no such provider (configured: live)');
    expect(result.stderr).toContain('live: no event name to ask Flexprice about; pass --metric live:NAME or set verify.metrics in the configuration');
    expect(result.stderr).not.toContain('some-secret-key');
  });

  it('takes event names from --metric ID:NAME, and fails a provider that cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const config = write('unreachable.yaml', `providers:\n  - { id: live, type: flexprice, baseUrl: "http://127.0.0.1:${port}/v1", apiKey: some-secret-key }\n`);
    const result = await runCli(['verify', '--config', config, ...fast, '--max-requests', '12', '--seed', '1', '--metric', 'live:api_request', '--metric', 'other:ignored']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('asked about api_request over ');
    expect(result.stdout).toContain(`live · not_a_server_error: no answer: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    expect(result.stdout).not.toContain('some-secret-key');
  });
});
