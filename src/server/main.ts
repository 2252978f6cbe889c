/**
 * Start-up: read the config (stop with a message naming each bad variable), open the
 * platform, listen. SIGTERM runs the stop sequence of http/graceful-stop.ts: readiness 503,
 * the drain, requests in flight answered, then the database and queues closed. SIGINT (Ctrl-C
 * at a terminal, not an orchestrator) skips the drain period.
 */
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { createPlatform } from './platform/platform.js';
import { createLifecycle, stopGracefully } from './http/graceful-stop.js';
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
  const lifecycle = createLifecycle();
  const app = await buildApp(platform, { lifecycle });
  const stop = async (signal: NodeJS.Signals) => {
    // The same signal may come twice: from the process group and relayed by npm.
    if (lifecycle.stopping) return;
    app.log.info({ signal }, 'stopping');
    try {
      const outcome = await stopGracefully(app, lifecycle, {
        drainMs: signal === 'SIGINT' ? 0 : config.shutdown.drainSeconds * 1000,
        timeoutMs: config.shutdown.timeoutSeconds * 1000,
        closePlatform: () => platform.close(),
      });
      app.log.info({ outcome }, 'stopped');
      process.exit(outcome === 'clean' ? 0 : 1);
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
