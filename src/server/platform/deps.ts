/** What services are handed: every side effect behind an adapter, so tests can fix each one. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database } from './db.js';
import type { JobQueue } from './jobs/index.js';
import type { FileStore } from './file-store.js';
import type { KeyValueStore } from './kv.js';
import type { Mailer } from './mail.js';
import type { PasswordHasher } from './password-hasher.js';
import type { SmsSender } from './sms.js';

export interface Deps {
  config: Config;
  db: Database;
  clock: Clock;
  kv: KeyValueStore;
  /** Durable background work: define a queue at start-up, send jobs (in a transaction where there is one). */
  jobs: JobQueue;
  mailer: Mailer;
  sms: SmsSender;
  hasher: PasswordHasher;
  /** Uploaded files' bytes (disk or S3-compatible bucket). */
  fileStore: FileStore;
  log: FastifyBaseLogger;
}

/** Who is asking: recorded on sessions and audit events. */
export interface RequestContext {
  ip: string;
  userAgent: string | null;
}
