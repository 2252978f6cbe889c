/**
 * The database adapter: embedded PGlite (a folder on disk, or memory) by default,
 * a PostgreSQL server when a connection string is given. Both speak the same SQL and
 * run the same committed migrations from ./drizzle.
 */
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import { createPostgresPool } from './pg-pool.js';
import { initializeDataDir, pgliteStartParams } from './pglite-first-start.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Answers when the database accepts a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export interface OpenDatabaseOptions {
  /** postgres://… for a server; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite folder; omitted means an in-memory database (tests). */
  dataDir?: string | undefined;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
  /** PostgreSQL: longest wait for a connection, and statement_timeout, in milliseconds (pg-pool.ts). */
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Where an outage of PostgreSQL is logged (once per outage). */
  log?: Logger;
  /** PGlite's shared buffers, in MB (pglite-first-start.ts). */
  pgliteSharedBuffersMb?: number;
}

/** Runs pending migrations on a connection of their own, without the requests' statement timeout. */
async function migratePostgres(url: string, connectTimeoutMs: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await migratePg(drizzlePg(pool, { schema }) as never, { migrationsFolder });
  } finally {
    await pool.end();
  }
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    await migratePostgres(options.url, connectTimeoutMs);
    const pool = createPostgresPool({
      url: options.url,
      max: options.poolSize ?? 10,
      connectTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
      log: options.log,
    });
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await pool.query('select 1')),
      close: () => pool.end(),
    };
  }
  const pgliteOptions = { startParams: pgliteStartParams(options.pgliteSharedBuffersMb ?? 16) };
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    await initializeDataDir(options.dataDir, migrationsFolder);
  }
  const client = options.dataDir ? new PGlite(options.dataDir, pgliteOptions) : new PGlite(pgliteOptions);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  };
}
