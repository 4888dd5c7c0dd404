/**
 * `usage-gateway query`: one usage query through POST /v1/usage/query. An asynchronous provider's
 * 202 task is polled at GET /v1/usage/tasks/{id} with progress on stderr; the report is printed
 * as a table of windows with the total, or as JSON with `--json`.
 */
import { Command, Option } from 'commander';
import type { components } from '../../generated/usage-api';
import { positive, utcMidnight } from './arguments';
import { connect, connectionOptions, type Connection } from './connection';
import { CliError, exitCodes, problemMessage } from './errors';
import { createProgress } from './progress';
import { formatNumber, table } from './table';

type UsageQuery = components['schemas']['UsageQuery'];
type UsageReport = components['schemas']['UsageReport'];
type UsageTask = components['schemas']['UsageTask'];

interface QueryOptions {
  url: string;
  key?: string;
  provider: string;
  metric: string;
  from: string;
  to: string;
  customers?: string;
  window?: string;
  aggregation?: string;
  property?: string;
  json?: boolean;
  timeout: number;
}

/** A plain date means UTC midnight; anything else goes to the gateway as written. */
const instant = (value: string): string => utcMidnight(value) ?? value;

function toQuery(options: QueryOptions): UsageQuery {
  const query: UsageQuery = { provider: options.provider, metric: options.metric, from: instant(options.from), to: instant(options.to) };
  const customers = options.customers?.split(',').map((value) => value.trim()).filter(Boolean) ?? [];
  if (customers.length > 0) query.customers = customers;
  // The gateway validates the values (and names the allowed ones when refusing).
  if (options.window) query.windowSize = options.window as UsageQuery['windowSize'];
  if (options.aggregation) query.aggregation = options.aggregation as UsageQuery['aggregation'];
  if (options.property) query.property = options.property;
  // An asynchronous provider answers within a second or hands back a task this command polls
  // with progress on stderr; other providers ignore waitSeconds.
  query.waitSeconds = 1;
  return query;
}

async function waitForReport(connection: Connection, task: UsageTask, timeoutMs: number): Promise<UsageReport> {
  const progress = createProgress(`${task.provider} is computing (task ${task.taskId})`);
  const deadline = Date.now() + timeoutMs;
  let delayMs = 250;
  try {
    for (;;) {
      if (Date.now() + delayMs > deadline) {
        throw new CliError(`the query did not finish within ${timeoutMs / 1000} s; task ${task.taskId} may still be polled at ${connection.baseUrl}/v1/usage/tasks/${task.taskId}`, exitCodes.unreachable);
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 2_000);
      const { data, error, response } = await connection.call((client) => client.GET('/v1/usage/tasks/{taskId}', { params: { path: { taskId: task.taskId } } }));
      if (error || !data) throw new CliError(problemMessage(error, response.status), exitCodes.failed);
      if (data.status === 'complete') return data;
      progress.tick();
    }
  } finally {
    progress.stop();
  }
}

function formatReport(report: UsageReport): string {
  const aggregation = report.aggregation + (report.unit ? ` (${report.unit})` : '');
  const lines = [`${report.provider} · ${report.metric} · ${aggregation} · ${report.from} → ${report.to}`, ''];
  const total = formatNumber(report.value);
  if (report.windows) {
    const rows = report.windows.map((window) => [window.start, window.end, formatNumber(window.value)]);
    lines.push(table([{ title: 'window start' }, { title: 'window end' }, { title: 'value', align: 'right' }], [...rows, ['total', '', total]]));
  } else {
    lines.push(`total  ${total}`);
  }
  lines.push(`events ${report.eventCount === null ? 'not reported' : formatNumber(report.eventCount)}`);
  if (report.groups.length > 0) {
    lines.push('', table([{ title: 'group' }, { title: 'value', align: 'right' }, { title: 'events', align: 'right' }], report.groups.map((group) => [
      group.key, formatNumber(group.value), group.eventCount == null ? 'not reported' : formatNumber(group.eventCount),
    ])));
  }
  return lines.join('\n');
}

export function queryCommand(): Command {
  const command = new Command('query')
    .description('query usage through the gateway and print the windows with the total')
    .requiredOption('--provider <id>', 'a configured provider id (see `usage-gateway providers`)')
    .requiredOption('--metric <metric>', 'Flexprice event name, Sequence metric id, or message_destinations for Svix')
    .requiredOption('--from <instant>', 'inclusive start: RFC 3339, or a date (UTC midnight)')
    .requiredOption('--to <instant>', 'exclusive end: RFC 3339, or a date (UTC midnight)')
    .option('--customers <ids>', 'comma-separated customer ids')
    .option('--window <size>', 'window size: MINUTE, 15MIN, 30MIN, HOUR, 3HOUR, 6HOUR, 12HOUR, DAY, WEEK, MONTH')
    .option('--aggregation <name>', 'count, sum, avg, max, latest, count_unique, sum_with_multiplier, weighted_sum')
    .option('--property <name>', 'the event property to aggregate')
    .option('--json', 'print the report as JSON')
    .addOption(new Option('--timeout <seconds>', 'how long to wait for an asynchronous provider').default(120).argParser(positive('number', 'number of seconds')));
  connectionOptions(command).action(async (options: QueryOptions) => {
    const connection = connect(options);
    const { data, error, response } = await connection.call((client) => client.POST('/v1/usage/query', { body: toQuery(options) }));
    if (error || !data) throw new CliError(problemMessage(error, response.status), exitCodes.failed);
    const report = data.status === 'complete' ? data : await waitForReport(connection, data, options.timeout * 1000);
    for (const warning of report.warnings) process.stderr.write(`warning: ${warning.message}\n`);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  });
  return command;
}
