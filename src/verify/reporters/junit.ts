/**
 * JUnit XML for CI: one test suite per provider, one test case per check, a `<failure>` holding
 * every failing case with its request and answer, `<skipped>` with the reason.
 */
import type { VerifyResult } from '../run';
import { exchangeLines } from './exchange-text';

/** Text safe in XML content and attributes; characters XML 1.0 forbids are dropped. */
function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- exactly the control characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function formatJunit(result: VerifyResult): string {
  const suites = result.providers.map((provider) => {
    const failures = provider.checks.filter((check) => check.failures.length > 0).length;
    const skipped = provider.checks.filter((check) => check.failures.length === 0 && check.passed === 0).length;
    const cases = provider.checks.map((check) => {
      const open = `    <testcase classname="usage-gateway.verify.${escapeXml(provider.id)}" name="${escapeXml(check.check)}">`;
      if (check.failures.length > 0) {
        const text = check.failures.map((failure) => [failure.message, ...failure.exchanges.flatMap((exchange) => exchangeLines(exchange).map((line) => `  ${line}`))].join('\n')).join('\n\n');
        const message = `${check.failures.length} failed, ${check.passed} passed: ${check.failures[0]?.message ?? ''}`;
        return `${open}\n      <failure message="${escapeXml(message)}" type="${escapeXml(check.check)}">${escapeXml(text)}</failure>\n    </testcase>`;
      }
      if (check.passed === 0) return `${open}\n      <skipped message="${escapeXml(check.skipped.join('; '))}"/>\n    </testcase>`;
      return `${open}</testcase>`;
    });
    const name = `${provider.id} (${provider.type}, ${provider.mode})`;
    return `  <testsuite name="${escapeXml(name)}" tests="${provider.checks.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = result.providers.reduce((total, provider) => total + provider.checks.length, 0);
  const failures = result.providers.reduce((total, provider) => total + provider.checks.filter((check) => check.failures.length > 0).length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="usage-gateway verify (seed ${result.seed})" tests="${tests}" failures="${failures}" time="${(result.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
