/**
 * `usage-gateway start`: runs the gateway in this process, as `npm start` does (server.ts reads
 * PORT, HOST and USAGE_GATEWAY_CONFIG; the options here set them first).
 */
import { Command } from 'commander';

interface StartOptions {
  config?: string;
  port?: string;
  host?: string;
}

export function startCommand(): Command {
  return new Command('start')
    .description('run the gateway (PORT, HOST, LOG_LEVEL and USAGE_GATEWAY_CONFIG apply as for npm start)')
    .option('--config <file>', 'configuration file (sets USAGE_GATEWAY_CONFIG)')
    .option('--port <port>', 'port to listen on (sets PORT)')
    .option('--host <host>', 'interface to listen on (sets HOST)')
    .action(async (options: StartOptions) => {
      if (options.config !== undefined) process.env.USAGE_GATEWAY_CONFIG = options.config;
      if (options.port !== undefined) process.env.PORT = options.port;
      if (options.host !== undefined) process.env.HOST = options.host;
      process.setSourceMapsEnabled(true);
      // server.ts is the gateway's entry point: loading it starts the gateway and its signal handling.
      await import('../server');
    });
}
