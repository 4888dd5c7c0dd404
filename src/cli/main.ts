#!/usr/bin/env node
/** The `usage-gateway` executable (package.json `bin`): parse, run, and exit with a documented code. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { CliError, exitCodes } from './errors';
import { createProgram } from './program';

/** The package's version: package.json is two folders up from src/cli/, three from dist/src/cli/. */
function packageVersion(): string {
  for (const candidate of [path.resolve(__dirname, '..', '..', 'package.json'), path.resolve(__dirname, '..', '..', '..', 'package.json')]) {
    if (!existsSync(candidate)) continue;
    const found = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
    if (found.name === 'usage-gateway' && found.version) return found.version;
  }
  return 'unknown';
}

async function main(): Promise<void> {
  try {
    await createProgram(packageVersion()).parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; every other commander error is a usage error (already printed).
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`usage-gateway: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}

void main();
