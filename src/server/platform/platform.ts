/** Builds every adapter from the config: the embedded forms by default, servers when configured. */
import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';
import { systemClock, type Clock } from './clock.js';
import { openDatabase, type DatabaseHandle } from './db.js';
import { createFileStore } from './file-store.js';
import type { Deps } from './deps.js';
import { createJobQueue } from './jobs/index.js';
import { createMemoryStore, createRedisStore } from './kv.js';
import { createOutboxMailer, createSmtpMailer } from './mail.js';
import { createEventBus, type EventBus } from './outbox/index.js';
import { createPasswordHasher } from './password-hasher.js';
import { createHttpSmsSender, createOutboxSmsSender } from './sms.js';

export interface Platform extends Deps {
  database: DatabaseHandle;
  /** Domain events: subscribers are added while the app is built, then it starts delivering. */
  events: EventBus;
  /** Closes everything in reverse order of opening. */
  close(): Promise<void>;
}

/** The process logger. Credentials and cookies are redacted; URLs are logged without query strings. */
export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
      censor: '[redacted]',
    },
    serializers: {
      // Page URLs such as /verify-email?token=… carry secrets: log the path only.
      req: (req: { method?: string; url?: string; ip?: string; hostname?: string }) => ({
        method: req.method,
        path: req.url?.split('?')[0],
        ip: req.ip,
      }),
    },
  });
}

export interface PlatformOptions {
  clock?: Clock;
  log?: Logger;
  /** Open this database instead of the one the config names (tests). */
  database?: DatabaseHandle;
}

export async function createPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config);
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutSeconds * 1000,
      statementTimeoutMs: config.databaseStatementTimeoutSeconds * 1000,
      pgliteSharedBuffersMb: config.pgliteSharedBuffersMb,
      log,
    }));
  const kv = config.redisUrl
    ? await createRedisStore(config.redisUrl, { timeoutMs: config.redisTimeoutSeconds * 1000, log })
    : createMemoryStore(clock);
  const jobs = createJobQueue(database, log);
  const events = createEventBus(database.db, log);
  const mailer = settledFirst(
    config.smtpUrl
      ? createSmtpMailer(config.smtpUrl, config.mailFrom, log, { jobs, queue: 'mail' })
      : createOutboxMailer(config.mailFrom, clock, log, { jobs, ...devOutboxQueue(database, 'mail') }),
    events,
  );
  const sms = settledFirst(
    config.sms
      ? createHttpSmsSender(config.sms.providerUrl, config.sms.apiKey, log, { jobs, queue: 'sms' })
      : createOutboxSmsSender(clock, log, { jobs, ...devOutboxQueue(database, 'sms') }),
    events,
  );
  await jobs.start();
  const hasher = await createPasswordHasher();
  const fileStore = createFileStore(config.fileStorage);
  return {
    config,
    db: database.db,
    database,
    clock,
    kv,
    jobs,
    events,
    mailer,
    sms,
    hasher,
    fileStore,
    log,
    async close() {
      await events.stop();
      await jobs.stop();
      await mailer.close();
      await sms.close();
      fileStore.close();
      await kv.close();
      await database.close();
    },
  };
}

/**
 * The queue of a dev outbox. The outbox is this process's memory, so this process must send
 * its messages: with a PostgreSQL that other instances share, the queue is the instance's own
 * (and goes with it). An on-disk PGlite has one process at a time, so its queue outlives restarts.
 */
function devOutboxQueue(database: DatabaseHandle, channel: 'mail' | 'sms'): { queue: string; instanceOnly: boolean } {
  if (database.kind === 'pglite') return { queue: `dev-${channel}`, instanceOnly: false };
  return { queue: `dev-${channel}-${randomBytes(6).toString('hex')}`, instanceOnly: true };
}

/** Draining a sender first delivers the events due now: their subscribers may queue messages. */
function settledFirst<S extends { drain(): Promise<void> }>(sender: S, events: EventBus): S {
  return {
    ...sender,
    async drain() {
      await events.drain();
      await sender.drain();
    },
  };
}
