/**
 * How the embedded database spends memory, and what keeps it low.
 * - PGlite runs PostgreSQL in WebAssembly, whose memory only grows. Its initdb (the first start
 *   on an empty DATA_DIR) leaves about 0.5 GiB behind, and the first migrations some 50 MB more,
 *   so both run in a short-lived child process and the server opens the folder it made, like on
 *   any later start (where only new migrations run, in the server).
 * - PostgreSQL's shared buffers are memory PGlite touches up front; its default of 128 MB is
 *   made for a server, so the embedded database runs with PGLITE_SHARED_BUFFERS_MB (16) and the
 *   operating system's file cache serves the rest.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** PGlite's own start parameters, with shared buffers of `sharedBuffersMb`. */
export function pgliteStartParams(sharedBuffersMb: number): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`];
}

/**
 * Creates the database files in `dataDir` and runs the migrations of `migrationsFolder`, in a
 * child process, unless the files exist.
 */
export async function initializeDataDir(dataDir: string, migrationsFolder: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  // The child is plain CommonJS run by node itself: no TypeScript loader, the same packages.
  const resolve = createRequire(import.meta.url).resolve;
  const [pglite, drizzle, migrator] = ['@electric-sql/pglite', 'drizzle-orm/pglite', 'drizzle-orm/pglite/migrator'].map((name) =>
    JSON.stringify(resolve(name)),
  );
  const code = `
    const { PGlite } = require(${pglite});
    const { drizzle } = require(${drizzle});
    const { migrate } = require(${migrator});
    const client = new PGlite(${JSON.stringify(dataDir)});
    migrate(drizzle(client), { migrationsFolder: ${JSON.stringify(migrationsFolder)} })
      .then(() => client.close())
      .catch((error) => { console.error(error); process.exit(1); });
  `;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (exitCode !== 0) throw new Error(`the embedded database could not be created in ${dataDir}:\n${stderr}`);
}
