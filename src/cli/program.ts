/**
 * The `usage-gateway` command line: one file per command; the ones that call a gateway use the
 * typed client (createUsageClient), `start` and `config check` work locally.
 */
import { Command } from 'commander';
import { configCommand } from './config-check';
import { defaultUrl } from './connection';
import { exitCodes } from './errors';
import { providersCommand } from './list-providers';
import { queryCommand } from './query';
import { startCommand } from './start';
import { verifyCommand } from './verify';

const afterHelp = `
Environment:
  USAGE_GATEWAY_URL   the gateway's origin (default ${defaultUrl}), like --url
  USAGE_GATEWAY_KEY   a gateway API key, like --key

Exit codes:
  ${exitCodes.ok}  success
  ${exitCodes.failed}  the gateway answered with a problem, config check found problems, or a verify check failed
  ${exitCodes.usage}  invalid command line
  ${exitCodes.unreachable}  the gateway could not be reached, or an asynchronous query outlasted --timeout`;

export function createProgram(version: string): Command {
  const program = new Command('usage-gateway')
    .description('One normalized usage API over Svix, Flexprice and Sequence: run the gateway and query it.')
    .version(version)
    .addHelpText('after', afterHelp)
    .exitOverride();
  for (const command of [startCommand(), queryCommand(), providersCommand(), configCommand(), verifyCommand()]) {
    program.addCommand(command);
  }
  // Commands added with addCommand keep their own settings: each throws instead of exiting, and
  // points at its --help after a usage error.
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride().showHelpAfterError('(add --help for usage)');
  return program;
}
