/** `usage-gateway providers`: the configured providers and what each can answer (GET /v1/providers). */
import { Command } from 'commander';
import type { components } from '../../generated/usage-api';
import { connect, connectionOptions } from './connection';
import { CliError, exitCodes, problemMessage } from './errors';
import { table } from './table';

type ProviderInfo = components['schemas']['ProviderInfo'];

const list = (values: readonly string[]): string => (values.length > 0 ? values.join(',') : '-');
const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

function formatProviders(providers: readonly ProviderInfo[]): string {
  return table(
    [{ title: 'id' }, { title: 'type' }, { title: 'mode' }, { title: 'async' }, { title: 'customers' }, { title: 'aggregations' }, { title: 'windows' }],
    providers.map(({ id, type, mode, capabilities }) => [
      id, type, mode, yesNo(capabilities.async),
      capabilities.customersRequired ? 'required' : capabilities.multipleCustomers ? 'optional' : 'optional, one',
      list(capabilities.aggregations), list(capabilities.windowSizes),
    ]),
  );
}

export function providersCommand(): Command {
  const command = new Command('providers')
    .description('list the gateway\'s providers and their capabilities')
    .option('--json', 'print the list as JSON');
  connectionOptions(command).action(async (options: { url: string; key?: string; json?: boolean }) => {
    const connection = connect(options);
    const { data, error, response } = await connection.call((client) => client.GET('/v1/providers'));
    if (error || !data) throw new CliError(problemMessage(error, response.status), exitCodes.failed);
    process.stdout.write(options.json ? `${JSON.stringify(data, null, 2)}\n` : `${formatProviders(data.providers)}\n`);
  });
  return command;
}
