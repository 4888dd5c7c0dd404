/**
 * Suites that need a system binary (redis-server, chromium) run when it is installed. Without it
 * they skip with a loud warning, unless USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS=1 (CI), where a missing
 * binary is a failure.
 */
import { accessSync, constants } from 'node:fs';

export function requireSystemBinary(name: string, path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    const message = `${name} is not installed at ${path}: the suites that need it cannot run (install it with apt-get install ${name})`;
    if (process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS === '1') throw new Error(`${message}; USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS=1 makes this a failure`);
    console.warn(`SKIPPED: ${message}`);
    return false;
  }
}
