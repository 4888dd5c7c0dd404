/**
 * Suites that need a system binary (redis-server, chromium) run only where it is installed. A
 * missing binary skips the suite loudly; with USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS=1 (CI) it fails.
 */
import { existsSync } from 'node:fs';

/** Whether the suite needing `name` at `path` should run; throws when CI requires it and it is missing. */
export function requireSystemBinary(name: string, path: string): boolean {
  if (existsSync(path)) return true;
  const message = `${name} is not installed at ${path}: the suites that need it are SKIPPED (install the Debian package, e.g. apt-get install ${name})`;
  if (process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS === '1') {
    throw new Error(`${message}; USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS=1 makes this a failure`);
  }
  console.warn(message);
  return false;
}
