/**
 * The only file with side effects: load the configuration, start the gateway, print where it
 * listens, and shut down cleanly.
 */
import { banner } from './banner';
import { ConfigError, loadConfig } from './config';
import { startGateway } from './gateway';
import { createLogger } from './telemetry/logger';

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

  // Graceful stop: no new connections, /readyz 503, in-flight requests get shutdownGraceMs to
  // finish, then the shared state closes and the process exits 0.
  const shutdown = (signal: string) => {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
