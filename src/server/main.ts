/**
 * Start-up: read the config (stop with a message naming each bad variable), open the
 * platform, listen. SIGTERM and SIGINT stop accepting connections, let requests in flight
 * finish, then close the database.
 */
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { createPlatform } from './platform/platform.js';
import { seedDemoDataOnFirstStart } from './modules/dev/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const platform = await createPlatform(config);
  await seedDemoDataOnFirstStart(platform);
  const app = await buildApp(platform);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: draining requests in flight');
    try {
      await app.close();
      await platform.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { url: config.publicUrl.origin, database: platform.database.kind, mail: config.smtpUrl ? 'smtp' : 'dev outbox' },
    `Workgate is listening; open ${config.publicUrl.origin}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Workgate failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
