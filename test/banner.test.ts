/**
 * The startup banner's demo commands work as printed, run by a shell: without gateway keys as they
 * are; with keys, reading the key from USAGE_GATEWAY_KEY, which the banner names and never fills in.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { banner } from '../src/banner';
import { gatewayKey, startSandboxGateway, type LoggedGateway } from './native/native-gateway';

const run = promisify(execFile);

function commands(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('curl '));
}

/** The HTTP status and the report's status, or the problem's code. */
async function statusOf(command: string, env: NodeJS.ProcessEnv): Promise<[number, string]> {
  const { stdout } = await run('bash', ['-c', `${command.replace(/^curl -s /, 'curl -s -w "\\n%{http_code}" ')}`], { env: { PATH: process.env.PATH, ...env } });
  const lines = stdout.split('\n');
  const status = Number(lines.pop());
  const body = JSON.parse(lines.join('\n')) as { status: string | number; code?: string };
  return [status, body.code ?? String(body.status)];
}

describe('startup banner', () => {
  let keyed: LoggedGateway;
  let open: LoggedGateway;
  beforeAll(async () => {
    [keyed, open] = await Promise.all([startSandboxGateway(), startSandboxGateway({ keys: false })]);
  });
  afterAll(() => Promise.all([keyed.gateway.close(), open.gateway.close()]));

  it('without keys: three commands that answer 200 as printed', async () => {
    const text = banner(open.gateway, { apiKeys: [], host: '127.0.0.1', configFile: undefined });
    expect(text).toContain('/v1 is open, so the gateway listens on loopback only');
    expect(text).toContain(`usage explorer: ${open.gateway.url}/   API reference: ${open.gateway.url}/docs`);
    const printed = commands(text);
    expect(printed).toHaveLength(3);
    for (const command of printed) expect([command, await statusOf(command, {})]).toStrictEqual([command, [200, 'complete']]);
  });

  it('with keys: the commands send $USAGE_GATEWAY_KEY, answer 200 with it set and 401 without; the key is never printed', async () => {
    const text = banner(keyed.gateway, { apiKeys: [gatewayKey], host: '127.0.0.1', configFile: undefined });
    expect(text).not.toContain(gatewayKey);
    expect(text).toContain('USAGE_GATEWAY_KEY set to one of your apiKeys');
    const printed = commands(text);
    expect(printed).toHaveLength(3);
    for (const command of printed) {
      expect(command).toContain('-H "authorization: Bearer $USAGE_GATEWAY_KEY"');
      expect([command, await statusOf(command, { USAGE_GATEWAY_KEY: gatewayKey })]).toStrictEqual([command, [200, 'complete']]);
      expect([command, await statusOf(command, {})]).toStrictEqual([command, [401, 'unauthorized']]);
    }
  });
});
