/** The run as JSON (`--json FILE`): every check's counts and failures, the notes, and every request sent. */
import type { VerifyResult } from '../run';

export function formatJson(result: VerifyResult): string {
  return `${JSON.stringify({ passed: result.passed, seed: result.seed, durationMs: result.durationMs, providers: result.providers, requests: result.requests }, null, 2)}\n`;
}
