/**
 * Graceful shutdown of the real server process: SIGTERM during a slow request lets it finish,
 * then the process exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { flexpriceAt, flexpriceQuery, usageAnswer, writeConfigFile } from '../helpers/configured-gateway';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { postJson } from '../helpers/gateway';

const root = path.resolve(__dirname, '../..');

function startServer(configFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', USAGE_GATEWAY_CONFIG: configFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe('graceful shutdown', () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream('flexprice', '/v1');
  });
  afterAll(() => upstream.close());

  it('SIGTERM during an in-flight request: the request completes, then the process exits 0', async () => {
    upstream.respond(() => ({ status: 200, body: usageAnswer, delayMs: 700 }));
    const configFile = writeConfigFile({ providers: [flexpriceAt('fp', upstream.baseUrl, { timeoutMs: 5_000 })], shutdownGraceMs: 5_000 });
    const { child, url } = await startServer(configFile);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const inFlight = postJson(`${url}/v1/usage/query`, flexpriceQuery('fp'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.value).toBe(5);
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 20_000);

  it('cuts requests still running when the grace period ends, and still exits 0', async () => {
    upstream.respond(() => ({ status: 200, body: usageAnswer, delayMs: 3_000 }));
    const configFile = writeConfigFile({ providers: [flexpriceAt('fp', upstream.baseUrl, { timeoutMs: 5_000 })], shutdownGraceMs: 300 });
    const { child, url } = await startServer(configFile);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const inFlight = postJson(`${url}/v1/usage/query`, flexpriceQuery('fp', 'slow')).then(() => 'answered', () => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await inFlight).toBe('cut');
  }, 20_000);
});
