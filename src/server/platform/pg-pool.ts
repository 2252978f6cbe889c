/**
 * The PostgreSQL connection pool, bounded in time and honest about outages:
 * - waiting for a connection (a free one in the pool, or a new one) gives up after the
 *   connect timeout, and the server cancels a statement after the statement timeout, so no
 *   request waits on the database longer than those;
 * - a failure that means the database cannot be reached (refused or lost connections, the
 *   server stopping or starting, timeouts) becomes DependencyUnavailableError, answered 503
 *   with Retry-After, and is logged once per outage by an OutageLog;
 * - the pool replaces broken connections by itself, so the server recovers without a restart.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { createOutageLog, DependencyUnavailableError, type OutageLog } from './outage.js';

export interface PostgresPoolOptions {
  url: string;
  max: number;
  /** Longest wait for a connection, pooled or new, in milliseconds. */
  connectTimeoutMs: number;
  /** PostgreSQL's statement_timeout, in milliseconds; 0 for none (migrations). */
  statementTimeoutMs: number;
  log?: Logger | undefined;
}

// Errors of the connection rather than of the statement: PostgreSQL stopping, starting or
// refusing connections (SQLSTATE class 08, 57P01-57P03, 53300), statements cancelled by the
// statement timeout (57014), the network, and the driver's own messages for lost connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed)/;

/** Whether a pg error means the database cannot be reached, rather than a bad statement. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || NETWORK_CODES.has(code))) return true;
  return DRIVER_MESSAGES.test(error.message);
}

type Callback = (error: unknown, ...rest: unknown[]) => void;
type Method = (...args: unknown[]) => unknown;

/** Wraps `call` (a pg method taking an optional trailing callback or answering a promise). */
function guard(call: Method, outage: OutageLog): Method {
  const translate = (error: unknown) =>
    error instanceof DependencyUnavailableError || !isDatabaseUnavailable(error) ? error : outage.failed(error);
  return (...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        if (!error) outage.succeeded();
        (last as Callback)(error ? translate(error) : error, ...rest);
      };
      return call(...args);
    }
    const result = call(...args);
    if (!(result instanceof Promise)) return result;
    return result.then(
      (value) => {
        outage.succeeded();
        return value;
      },
      (error: unknown) => {
        throw translate(error);
      },
    );
  };
}

export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  const outage = createOutageLog('database', options.log);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // The server cancels first (57014, a clean error on a connection that stays usable); the
    // client's own timeout, a little later, covers a server that no longer answers at all.
    statement_timeout: options.statementTimeoutMs || undefined,
    query_timeout: options.statementTimeoutMs ? options.statementTimeoutMs + 2_000 : undefined,
    // Dead peers (a server gone without closing its sockets) are noticed on idle connections.
    keepAlive: true,
  });
  // An idle connection the server closes (restart, failover) is dropped and replaced by the
  // pool; without a listener the 'error' event would end the process.
  pool.on('error', (error) => {
    if (isDatabaseUnavailable(error)) outage.failed(error);
  });
  pool.on('connect', (client) => {
    client.query = guard(client.query.bind(client) as Method, outage) as typeof client.query;
  });
  pool.connect = guard(pool.connect.bind(pool) as Method, outage) as typeof pool.connect;
  pool.query = guard(pool.query.bind(pool) as Method, outage) as typeof pool.query;
  return pool;
}
