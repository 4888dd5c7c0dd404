/**
 * The built `usage-gateway` command, run as a process against gateways started here: help,
 * providers, query (tables, JSON, Svix's tasks, problems), keys, exit codes, config check, start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Gateway } from '../../src/gateway';
import { buildCli, runCli, spawnCli } from '../helpers/cli';
import { getJson, postJson, startTestGateway } from '../helpers/gateway';

jest.setTimeout(60_000);

const key = 'ug_cli_test_key_0123456789abcdef';
let dir: string;
let gateway: Gateway;
let keyed: Gateway;

beforeAll(async () => {
  buildCli();
  dir = mkdtempSync(path.join(tmpdir(), 'usage-gateway-cli-'));
  const keyedConfig = path.join(dir, 'keyed.yaml');
  writeFileSync(keyedConfig, `apiKeys: ["${key}"]\nproviders:\n  - { id: demo, type: flexprice, mode: sandbox }\n`);
  [gateway, keyed] = await Promise.all([
    startTestGateway({ sandbox: { svixTaskDelayMs: 2_500 } }),
    startTestGateway({ env: { USAGE_GATEWAY_CONFIG: keyedConfig } }),
  ]);
});
afterAll(async () => {
  await Promise.all([gateway?.close(), keyed?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Table rows of the query output: the lines between the header and `total`, split on runs of spaces. */
const tableRows = (stdout: string) => {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => line.startsWith('window start'));
  const total = lines.findIndex((line) => line.startsWith('total'));
  return { rows: lines.slice(header + 1, total).map((line) => line.split(/\s{2,}/)), total: lines[total]?.split(/\s{2,}/).pop() };
};

describe('--help', () => {
  it.each([[[]], [['start']], [['query']], [['providers']], [['config']], [['config', 'check']]])('usage-gateway %j --help', async (command) => {
    const result = await runCli([...command, '--help']);
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    expect(result.stdout.split('\n')[0]).toBe(`Usage: usage-gateway${command.map((name) => ` ${name}`).join('')} [options]${command.length === 0 || command[0] === 'config' && command.length === 1 ? ' [command]' : command[1] === 'check' ? ' <file>' : ''}`);
  });

  it('documents the environment and the exit codes', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toContain('USAGE_GATEWAY_URL');
    expect(stdout).toContain('USAGE_GATEWAY_KEY');
    expect(stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 .+\n {2}2 {2}invalid command line\n {2}3 /);
  });

  it('exits 2 on an invalid command line, naming what is wrong', async () => {
    const missing = await runCli(['query', '--provider', 'flexprice', '--metric', 'api_request', '--from', '2026-09-01']);
    expect([missing.code, missing.stdout]).toStrictEqual([2, '']);
    expect(missing.stderr).toContain("error: required option '--to <instant>' not specified");
    const unknown = await runCli(['providers', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--bogus'");
  });
});

describe('providers', () => {
  it('prints each provider with its capabilities, or the API\'s list as JSON', async () => {
    const table = await runCli(['providers', '--url', gateway.url]);
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split('\n').map((line) => line.split(/\s{2,}/));
    expect(rows[0]).toStrictEqual(['id', 'type', 'mode', 'async', 'customers', 'aggregations', 'windows']);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toStrictEqual([
      ['flexprice', 'flexprice', 'sandbox', 'no', 'optional'],
      ['sequence', 'sequence', 'sandbox', 'no', 'required'],
      ['svix', 'svix', 'sandbox', 'yes', 'optional'],
    ]);
    expect(rows[3]?.slice(5)).toStrictEqual(['count', '-']);
    const json = await runCli(['providers', '--json'], { USAGE_GATEWAY_URL: gateway.url });
    expect(JSON.parse(json.stdout)).toStrictEqual((await getJson(`${gateway.url}/v1/providers`)).body);
  });
});

describe('query', () => {
  const weekly = ['query', '--provider', 'flexprice', '--metric', 'api_request', '--aggregation', 'sum', '--property', 'bytes', '--window', 'WEEK', '--customers', 'acme,globex', '--from', '2026-09-01', '--to', '2026-10-01T00:00:00Z'];
  const weeklyQuery = {
    provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', windowSize: 'WEEK',
    customers: ['acme', 'globex'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z',
  };

  it('prints the windows and the total the API answers', async () => {
    const [result, direct] = await Promise.all([runCli([...weekly, '--url', gateway.url]), postJson(`${gateway.url}/v1/usage/query`, weeklyQuery)]);
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    expect(result.stdout.split('\n')[0]).toBe('flexprice · api_request · sum · 2026-09-01T00:00:00Z → 2026-10-01T00:00:00Z');
    const { rows, total } = tableRows(result.stdout);
    expect(rows).toStrictEqual(direct.body.windows.map((window: { start: string; end: string; value: number }) => [window.start, window.end, window.value.toLocaleString('en-US')]));
    expect(total).toBe(direct.body.value.toLocaleString('en-US'));
  });

  it('prints the report as JSON with --json', async () => {
    const [result, direct] = await Promise.all([runCli([...weekly, '--json', '--url', gateway.url]), postJson(`${gateway.url}/v1/usage/query`, weeklyQuery)]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual(direct.body);
  });

  it('waits for Svix\'s task with progress on stderr, then prints the report', async () => {
    const args = ['--provider', 'svix', '--metric', 'message_destinations', '--customers', 'acme,initech', '--from', '2026-09-01', '--to', '2026-10-01'];
    const result = await runCli(['query', ...args], { USAGE_GATEWAY_URL: gateway.url });
    expect(result.code).toBe(0);
    const progress = result.stderr.trim().split('\n');
    expect(progress[0]).toMatch(/^svix is computing \(task ugt_[A-Za-z0-9_-]+\)…$/);
    expect(progress.slice(1).every((line) => /^svix is computing \(task ugt_[A-Za-z0-9_-]+\): still running after \d+\.\d s$/.test(line))).toBe(true);
    const direct = await postJson(`${gateway.url}/v1/usage/query`, { provider: 'svix', metric: 'message_destinations', customers: ['acme', 'initech'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' });
    expect(direct.status).toBe(200);
    expect(result.stdout).toContain(`total  ${direct.body.value.toLocaleString('en-US')}\n`);
    expect(result.stdout).toMatch(/group\s+value\s+events\nacme\s+[\d,]+\s+not reported\ninitech\s+[\d,]+\s+not reported/);
  });

  it('exits 1 with the problem\'s sentences on a refused query', async () => {
    const body = { ...weeklyQuery, from: '2026-10-01T00:00:00Z', to: '2026-09-01T00:00:00Z' };
    const [result, direct] = await Promise.all([
      runCli([...weekly.slice(0, -4), '--from', '2026-10-01', '--to', '2026-09-01', '--url', gateway.url]),
      postJson(`${gateway.url}/v1/usage/query`, body),
    ]);
    expect([result.code, result.stdout]).toStrictEqual([1, '']);
    expect(result.stderr.split('\n')[0]).toBe(`usage-gateway: ${direct.body.title}: ${direct.body.detail}`);
    expect(result.stderr).toMatch(/\(validation_failed, request [0-9a-f-]+\)/);
  });

  it('exits 1 naming the known providers for an unknown one', async () => {
    const result = await runCli(['query', '--provider', 'stripe', '--metric', 'x', '--from', '2026-09-01', '--to', '2026-09-02', '--url', gateway.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^usage-gateway: No such provider: .*stripe/);
  });

  it('exits 3 when no gateway answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    const result = await runCli(['providers'], { USAGE_GATEWAY_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`usage-gateway: cannot reach the gateway at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });
});

describe('gateway keys', () => {
  it('exits 1 without a key, succeeds with --key or USAGE_GATEWAY_KEY, and never prints the key', async () => {
    const without = await runCli(['providers', '--url', keyed.url]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('A valid gateway API key is required: A gateway API key is required');
    const wrong = await runCli(['providers', '--url', keyed.url, '--key', 'ug_wrong_key_0123456789']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The gateway API key is not valid');
    expect(wrong.stderr).not.toContain('ug_wrong_key_0123456789');
    const flag = await runCli(['providers', '--url', keyed.url, '--key', key]);
    const env = await runCli(['query', '--provider', 'demo', '--metric', 'api_request', '--from', '2026-09-01', '--to', '2026-09-08', '--window', 'DAY'], { USAGE_GATEWAY_URL: keyed.url, USAGE_GATEWAY_KEY: key });
    expect([flag.code, env.code]).toStrictEqual([0, 0]);
    expect(flag.stdout).toMatch(/^demo\s+flexprice\s+sandbox/m);
    expect(tableRows(env.stdout).rows).toHaveLength(7);
    const help = await runCli(['query', '--help'], { USAGE_GATEWAY_KEY: key });
    for (const output of [without, wrong, flag, env, help]) expect(output.stdout + output.stderr).not.toContain(key);
  });
});

describe('config check', () => {
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('exits 0 and summarizes a valid file without printing its secrets', async () => {
    const file = write('valid.yaml', 'providers:\n  - { id: flex, type: flexprice, apiKey: "${FLEX_KEY}" }\n  - { id: play, type: svix, mode: sandbox }\napiKeys: ["${GATEWAY_KEY}"]\n');
    const result = await runCli(['config', 'check', file], { FLEX_KEY: 'flex-secret-value-123', GATEWAY_KEY: key });
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    expect(result.stdout).toBe(`${file}: valid\n  providers: flex (flexprice, live), play (svix, sandbox)\n  apiKeys: 1\n  contractGuard: warn\n`);
  });

  it('exits 1 listing every problem with its key, and no value from the file', async () => {
    const file = write('invalid.yaml', [
      'providers:',
      '  - { id: Flex, type: flexprice, apiKey: "${MISSING_FLEX_KEY}" }',
      '  - { id: x, type: stripe, token: tok_secret_value }',
      'apiKeys: ["short-secret"]',
      'limits: { maxWindows: 0, unknownLimit: 3 }',
      '',
    ].join('\n'));
    const result = await runCli(['config', 'check', file]);
    expect([result.code, result.stdout]).toStrictEqual([1, '']);
    expect(result.stderr.trim().split('\n')).toStrictEqual([
      `usage-gateway: ${file}: 6 problems`,
      '  - providers.0.apiKey: environment variable MISSING_FLEX_KEY is not set',
      '  - providers.0.id: lower case letters, digits, - and _',
      '  - providers.1.type: type must be one of flexprice, sequence, svix',
      '  - apiKeys.0: must be at least 16 characters',
      '  - limits.maxWindows: Too small: expected number to be >=1',
      '  - limits: Unrecognized key: "unknownLimit"',
    ]);
    expect(result.stderr).not.toContain('short-secret');
    expect(result.stderr).not.toContain('tok_secret_value');
  });

  it('exits 1 for a file it cannot read', async () => {
    const result = await runCli(['config', 'check', path.join(dir, 'absent.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`USAGE_GATEWAY_CONFIG: cannot read ${path.join(dir, 'absent.yaml')}: ENOENT`);
  });
});

describe('start', () => {
  it('runs the gateway until SIGTERM, serving the API and the pages', async () => {
    const child = spawnCli(['start', '--port', '0', '--host', '127.0.0.1'], { LOG_LEVEL: 'silent' });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
        if (found) resolve(found[0]);
      });
      child.once('exit', (code) => reject(new Error(`start exited with ${code} before listening: ${stdout}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    expect((await getJson(`${url}/healthz`)).body).toStrictEqual({ status: 'ok' });
    expect((await getJson(`${url}/v1/providers`)).body.providers).toHaveLength(3);
    expect((await fetch(`${url}/`)).headers.get('content-type')).toMatch(/^text\/html/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses an invalid configuration with every problem and exit 1', async () => {
    const file = path.join(dir, 'start-invalid.yaml');
    writeFileSync(file, 'contractGuard: loose\n');
    const result = await runCli(['start', '--port', '0', '--config', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('contractGuard: ');
  });
});
