/**
 * The only file with side effects: load the configuration, start the gateway, print where it
 * listens, and shut down cleanly.
 */
import { ConfigError, isLoopback, loadConfig, type Config } from './config';
import { startGateway, type Gateway } from './gateway';
import { createLogger } from './telemetry/logger';

function banner(gateway: Gateway, config: Config): string {
  const lines = [`usage-gateway listening on ${gateway.url}`];
  if (config.apiKeys.length === 0) {
    lines.push(isLoopback(config.host)
      ? 'No apiKeys configured: /v1 is open, so the gateway listens on loopback only.'
      : `No apiKeys configured and allowUnauthenticated is set: /v1 is open to anyone who can reach ${config.host}.`);
  }
  lines.push(`providers: ${gateway.providers.map((provider) => `${provider.id} (${provider.type}, ${provider.mode})`).join(', ')}`);
  if (!config.configFile) lines.push('No USAGE_GATEWAY_CONFIG set: serving the embedded sandbox providers.');
  const examples = gateway.sandbox?.demo?.curlExamples(gateway.url) ?? [];
  if (examples.length > 0) lines.push('', 'Try the demo data:', ...examples.map((example) => `  ${example}`));
  return lines.join('\n');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const gateway = await startGateway({ config, logger });
  console.log(banner(gateway, config));

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void gateway.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
