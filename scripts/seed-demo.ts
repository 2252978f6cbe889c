/**
 * Fills the database the server would open (DATA_DIR or DATABASE_URL) with the demo
 * marketplace: freelancers and clients generated from the skills taxonomy, the same on every
 * run, so running it again adds nothing.
 *   npm run seed:demo
 *   npm run seed:demo -- --freelancers 100000 --clients 5000   (benchmark sizes)
 */
import { ConfigError, loadConfig } from '../src/server/config.js';
import { DEMO_SIZE, seedDemoData } from '../src/server/modules/dev/index.js';
import { createPlatform } from '../src/server/platform/platform.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} takes a whole number\n`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const platform = await createPlatform(config);
  try {
    const size = { freelancers: option('freelancers', DEMO_SIZE.freelancers), clients: option('clients', DEMO_SIZE.clients) };
    const started = Date.now();
    const added = await seedDemoData(platform, size);
    process.stdout.write(`Demo data: ${added} new freelancer profiles (of ${size.freelancers}) and ${size.clients} clients in ${platform.database.kind}, ${Date.now() - started} ms.\n`);
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
