/**
 * The built `usage-gateway` command as a process: `npm run build` once per test file, then
 * `node dist/src/cli/main.js ARGS` with a controlled environment.
 */
import { execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
export const cliPath = path.join(root, 'dist', 'src', 'cli', 'main.js');

export function buildCli(): void {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without the CLI's own variables, plus `env`. */
function environment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { USAGE_GATEWAY_URL: _url, USAGE_GATEWAY_KEY: _key, USAGE_GATEWAY_CONFIG: _config, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1', ...env };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: environment(env), timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliPath, ...args], { env: environment(env) });
}
