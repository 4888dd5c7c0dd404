/**
 * `usage-gateway config check FILE`: loads FILE exactly as the gateway would at startup (the same
 * loadConfig, with this environment for `${VAR}` references, PORT and HOST) without starting
 * anything, and prints every problem with its key. Nothing from the file is echoed: it holds secrets.
 */
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { configProblems, exitCodes } from './errors';

export function configCommand(): Command {
  const config = new Command('config').description('work with configuration files');
  config
    .command('check')
    .description('validate a configuration file without starting the gateway; exit 1 listing every problem')
    .argument('<file>', 'a YAML or JSON configuration file')
    .action((file: string) => {
      let loaded;
      try {
        loaded = loadConfig({ ...process.env, USAGE_GATEWAY_CONFIG: file });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        throw configProblems(file, error.problems, exitCodes.failed);
      }
      const providers = loaded.providers.map((provider) => `${provider.id} (${provider.type}, ${provider.mode})`).join(', ') || 'none';
      process.stdout.write(`${file}: valid\n  providers: ${providers}\n  apiKeys: ${loaded.apiKeys.length}\n  contractGuard: ${loaded.contractGuard}\n`);
    });
  return config;
}
