/**
 * How the command line ends: its exit codes (documented in the README) and the one error type
 * commands throw to end with a message and a code.
 */
import type { components } from '../../generated/usage-api';
import { failureMessage } from '../verify/failure-message';

type Problem = components['schemas']['Problem'];

export const exitCodes = {
  ok: 0,
  /** The gateway answered with a problem, or `config check` found problems. */
  failed: 1,
  /** The command line itself is wrong: an unknown command or option, a missing or invalid value. */
  usage: 2,
  /** The gateway could not be reached, or an asynchronous query outlasted `--timeout`. */
  unreachable: 3,
} as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'CliError';
  }
}

/** A problem+json answer as the sentences a person reads: title, detail, and each violation. */
export function problemMessage(problem: Partial<Problem> | undefined, status: number): string {
  if (!problem || typeof problem !== 'object') return `the gateway answered ${status} without a problem body`;
  const lines = [`${problem.title ?? `HTTP ${status}`}: ${problem.detail ?? ''}`.trimEnd()];
  for (const violation of problem.errors ?? []) {
    if (!problem.detail?.includes(violation.message)) lines.push(`  ${violation.path}: ${violation.message}`);
  }
  const facts = [problem.code, problem.provider && `provider ${problem.provider}`, problem.requestId && `request ${problem.requestId}`].filter(Boolean);
  if (facts.length > 0) lines.push(`  (${facts.join(', ')})`);
  return lines.join('\n');
}

/** A configuration that did not load, as `SOURCE: N problem(s)` and one line per problem. */
export function configProblems(source: string, problems: readonly string[], exitCode: number): CliError {
  return new CliError(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((problem) => `  - ${problem}`).join('\n')}`, exitCode);
}

/** A thrown fetch failure as a CliError: connection refused, DNS, a dropped socket. */
export function unreachable(baseUrl: string, error: unknown): CliError {
  return new CliError(`cannot reach the gateway at ${baseUrl}: ${failureMessage(error)}`, exitCodes.unreachable);
}
