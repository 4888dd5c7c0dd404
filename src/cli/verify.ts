/**
 * `usage-gateway verify`: spec-driven contract tests of the configured providers, from the same
 * configuration file as the gateway (src/verify/ holds the engine). Exit 0 when every check
 * passes, 1 when any fails, 2 on a configuration error or an invalid command line.
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { positive, utcMidnight } from './arguments';
import { CliError, configProblems, exitCodes } from './errors';

interface VerifyCommandOptions {
  config?: string;
  provider: string[];
  metric: string[];
  maxRequests: number;
  rate: number;
  timeout: number;
  maxResponseTime: number;
  seed?: number;
  from?: number;
  to?: number;
  allowWrites?: boolean;
  junit?: string;
  json?: string;
}

const afterHelp = `
Exit codes:
  0  every check passed
  1  a check failed (each failure is printed with its request and answer)
  2  configuration error or invalid command line (every problem listed)`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function utcDate(value: string): number {
  const parsed = Date.parse(utcMidnight(value) ?? 'invalid');
  if (Number.isNaN(parsed)) throw new InvalidArgumentError('a date (YYYY-MM-DD, UTC) is expected.');
  return parsed;
}

function configFor(options: VerifyCommandOptions) {
  const file = options.config ?? process.env.USAGE_GATEWAY_CONFIG;
  try {
    // The run listens on an ephemeral loopback port whatever PORT and HOST say.
    return loadConfig({ ...process.env, USAGE_GATEWAY_CONFIG: file, PORT: '0', HOST: '127.0.0.1' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw configProblems(file ?? 'configuration', error.problems, exitCodes.usage);
  }
}

export function verifyCommand(): Command {
  return new Command('verify')
    .description('contract-test the configured providers: spec-generated requests, checks on every answer, invariants through the unified API')
    .option('--config <file>', 'configuration file (default USAGE_GATEWAY_CONFIG; without either, the embedded sandbox providers)')
    .option('--provider <id>', 'check only this provider (repeatable)', collect, [])
    .option('--metric <name>', 'an event name or metric id to ask about; id:name for one provider (repeatable)', collect, [])
    .addOption(new Option('--max-requests <n>', 'requests to send in all, shared by the providers').default(200).argParser(positive('integer')))
    .addOption(new Option('--rate <n>', 'requests per second at most').default(5).argParser(positive('number')))
    .addOption(new Option('--timeout <seconds>', 'how long to wait for one answer').default(30).argParser(positive('number')))
    .addOption(new Option('--max-response-time <ms>', 'answers slower than this fail response_time').default(5000).argParser(positive('integer')))
    .addOption(new Option('--seed <n>', 'seed of the generated requests (printed with every run)').argParser((value) => {
      if (!/^-?\d{1,10}$/.test(value)) throw new InvalidArgumentError('an integer is expected.');
      return Number(value) | 0;
    }))
    .addOption(new Option('--from <date>', 'start of the closed past period to ask about (default: see the README)').argParser(utcDate))
    .addOption(new Option('--to <date>', 'end (exclusive) of that period').argParser(utcDate))
    .option('--allow-writes', 'also send ingest requests, to sandbox providers only')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write the run as JSON')
    .addHelpText('after', afterHelp)
    .action(async (options: VerifyCommandOptions) => {
      const config = configFor(options);
      if ((options.from === undefined) !== (options.to === undefined)) throw new CliError('--from and --to go together', exitCodes.usage);
      if (options.from !== undefined && options.to !== undefined && options.to <= options.from) {
        throw new CliError('--to must be after --from', exitCodes.usage);
      }
      // The engine (the gateway it starts, fast-check) and the reporters load only when verify runs.
      const { runVerify, VerifySetupError } = await import('../verify/run');
      let result;
      try {
        result = await runVerify({
          config,
          providerIds: options.provider,
          metrics: options.metric,
          maxRequests: options.maxRequests,
          rate: options.rate,
          timeoutMs: options.timeout * 1000,
          maxResponseTimeMs: options.maxResponseTime,
          seed: options.seed ?? randomInt(2 ** 31),
          allowWrites: options.allowWrites === true,
          period: { from: options.from, to: options.to },
          onProvider: (provider) => process.stderr.write(`checking ${provider.id} (${provider.type}, ${provider.mode})…\n`),
        });
      } catch (error) {
        if (error instanceof VerifySetupError) throw new CliError(error.problems.join('\n'), exitCodes.usage);
        throw error;
      }
      const [{ formatSummary }, { formatJunit }, { formatJson }] = await Promise.all([
        import('../verify/reporters/summary'), import('../verify/reporters/junit'), import('../verify/reporters/json'),
      ]);
      process.stdout.write(formatSummary(result));
      if (options.junit) writeFileSync(options.junit, formatJunit(result));
      if (options.json) writeFileSync(options.json, formatJson(result));
      process.exitCode = result.passed ? exitCodes.ok : exitCodes.failed;
    });
}
