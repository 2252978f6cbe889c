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

/** Rows of one statement, or of the last one when the text holds several. */
export interface SqlRows {
  rows: Record<string, unknown>[];
}

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Whether the data outlives the process (false for an in-memory PGlite). */
  durable: boolean;
  /**
   * Runs SQL text as written, outside any transaction of `db`, for libraries that bring their
   * own SQL (the job queue). Without values, the text may hold several statements.
   */
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
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
      durable: true,
      executeSql: (text, values) => executeOnPool(pool, text, values),
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
    durable: Boolean(options.dataDir),
    executeSql: (text, values) => executeOnPglite(client, text, values),
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  };
}

/** Whether SQL text opens its own transaction block (several statements between BEGIN and COMMIT). */
function opensTransaction(text: string): boolean {
  return /^\s*BEGIN\s*;/i.test(text);
}

async function executeOnPool(pool: pg.Pool, text: string, values: unknown[] | undefined): Promise<SqlRows> {
  if (!opensTransaction(text)) {
    const result = await pool.query(text, values);
    // Several statements answer one result each: the caller wants the last.
    return Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
  }
  // A statement failing inside the text's own BEGIN leaves the connection in an aborted
  // transaction; roll it back before the pool hands the connection to anyone else.
  const client = await pool.connect();
  try {
    const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result.at(-1)! : result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function executeOnPglite(client: PGlite, text: string, values: unknown[] | undefined): Promise<SqlRows> {
  // PGlite's query() takes one statement with parameters; exec() takes several without.
  if (values && values.length > 0) return client.query(text, values);
  if (!opensTransaction(text)) return (await client.exec(text)).at(-1) ?? { rows: [] };
  // As on a server, a failure inside the text's own BEGIN would leave the one connection
  // PGlite has in an aborted transaction: run it inside a transaction of PGlite's own, which
  // rolls back on error and keeps every other query out meanwhile.
  const body = text.replace(/^\s*BEGIN\s*;/i, '').replace(/COMMIT\s*;?\s*$/i, '');
  return client.transaction(async (tx) => (await tx.exec(body)).at(-1) ?? { rows: [] });
}
