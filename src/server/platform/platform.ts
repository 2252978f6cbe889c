/** Builds every adapter from the config: the embedded forms by default, servers when configured. */
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';
import { systemClock, type Clock } from './clock.js';
import { openDatabase, type DatabaseHandle } from './db.js';
import { createFileStore } from './file-store.js';
import type { Deps } from './deps.js';
import { createMemoryStore, createRedisStore } from './kv.js';
import { createOutboxMailer, createSmtpMailer } from './mail.js';
import { createPasswordHasher } from './password-hasher.js';
import { createHttpSmsSender, createOutboxSmsSender } from './sms.js';

export interface Platform extends Deps {
  database: DatabaseHandle;
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
    (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  const kv = config.redisUrl ? await createRedisStore(config.redisUrl) : createMemoryStore(clock);
  const mailer = config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.mailFrom, log)
    : createOutboxMailer(config.mailFrom, clock, log);
  const sms = config.sms
    ? createHttpSmsSender(config.sms.providerUrl, config.sms.apiKey, log)
    : createOutboxSmsSender(clock, log);
  const hasher = await createPasswordHasher();
  const fileStore = createFileStore(config.fileStorage);
  return {
    config,
    db: database.db,
    database,
    clock,
    kv,
    mailer,
    sms,
    hasher,
    fileStore,
    log,
    async close() {
      await mailer.close();
      await sms.close();
      fileStore.close();
      await kv.close();
      await database.close();
    },
  };
}
