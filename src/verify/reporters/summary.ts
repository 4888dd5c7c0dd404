/**
 * The readable summary on stdout: each provider's checks with their counts, then each failure
 * with its request and answer (secrets redacted), then the verdict. A check's first few failures
 * are printed; `--json` and `--junit` hold them all.
 */
import type { VerifyResult } from '../run';
import { exchangeLines } from './exchange-text';

const shownPerCheck = 3;

export function formatSummary(result: VerifyResult): string {
  const requests = result.providers.reduce((total, provider) => total + provider.requests, 0);
  const lines = [`usage-gateway verify · seed ${result.seed} · ${result.providers.length} provider${result.providers.length === 1 ? '' : 's'} · ${requests} requests · ${(result.durationMs / 1000).toFixed(1)} s`];
  const width = Math.max(...result.providers.flatMap((provider) => provider.checks.map((check) => check.check.length)), 10);
  for (const provider of result.providers) {
    lines.push('', `${provider.id} (${provider.type}, ${provider.mode}) · ${provider.requests} requests`);
    for (const note of provider.notes) lines.push(`  ${note}`);
    for (const check of provider.checks) {
      const mark = check.failures.length > 0 ? 'FAIL' : check.passed > 0 ? 'ok  ' : 'skip';
      const counts = [check.passed > 0 ? `${check.passed} passed` : '', check.failures.length > 0 ? `${check.failures.length} failed` : ''].filter(Boolean).join(', ');
      const skipped = check.skipped.length > 0 ? `${counts ? '; ' : ''}skipped: ${check.skipped.join('; ')}` : '';
      lines.push(`  ${mark} ${check.check.padEnd(width)}  ${counts}${skipped}`);
    }
  }
  const failed = result.providers.flatMap((provider) => provider.checks.filter((check) => check.failures.length > 0).map((check) => ({ provider, check })));
  if (failed.length > 0) {
    lines.push('', 'Failures');
    for (const { provider, check } of failed) {
      for (const failure of check.failures.slice(0, shownPerCheck)) {
        lines.push('', `${provider.id} · ${check.check}: ${failure.message}`);
        for (const exchange of failure.exchanges) lines.push(...exchangeLines(exchange).map((line) => `    ${line}`));
      }
      if (check.failures.length > shownPerCheck) lines.push('', `${provider.id} · ${check.check}: and ${check.failures.length - shownPerCheck} more failures (see --json or --junit)`);
    }
  }
  const failedChecks = failed.map(({ provider, check }) => `${provider.id} ${check.check}`);
  lines.push('', result.passed ? 'PASSED: every check passed' : `FAILED: ${failedChecks.join(', ')}`, `(reproduce with --seed ${result.seed})`);
  return `${lines.join('\n')}\n`;
}
