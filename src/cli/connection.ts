/**
 * The gateway a command talks to: `--url`/`USAGE_GATEWAY_URL` and `--key`/`USAGE_GATEWAY_KEY`
 * (commander reads the variables), through the typed client. The key is sent, never printed.
 */
import { Option, type Command } from 'commander';
import { createUsageClient, type UsageClient } from '../client';
import { unreachable } from './errors';

export const defaultUrl = 'http://127.0.0.1:8080';

/** The options every command that calls a gateway takes. */
export function connectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', 'the gateway\'s origin').env('USAGE_GATEWAY_URL').default(defaultUrl))
    .addOption(new Option('--key <key>', 'a gateway API key, when the gateway requires one').env('USAGE_GATEWAY_KEY'));
}

export interface Connection {
  baseUrl: string;
  client: UsageClient;
  /** Runs one client call, turning a network failure into the "unreachable" exit. */
  call<T>(request: (client: UsageClient) => Promise<T>): Promise<T>;
}

export function connect(options: { url: string; key?: string }): Connection {
  const baseUrl = options.url.replace(/\/+$/, '');
  const client = createUsageClient({ baseUrl, apiKey: options.key });
  return {
    baseUrl,
    client,
    async call(request) {
      try {
        return await request(client);
      } catch (error) {
        throw unreachable(baseUrl, error);
      }
    },
  };
}
