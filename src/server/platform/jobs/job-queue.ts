/**
 * Durable background work: pg-boss 10 on the application's own database, PGlite or
 * PostgreSQL, through a `db` adapter (DatabaseHandle.executeSql), so no second pool and no
 * second database. A job is a row: it survives a crash and runs at least once, on whichever
 * instance fetches it first (FOR UPDATE SKIP LOCKED). A send inside a transaction commits
 * with it. Cron schedules fire once per tick across every instance (pg-boss debounces them
 * through its version row and a singleton slot).
 *
 * What this adds to pg-boss:
 * - one failure fails one job, not its whole batch; an idle worker polls, a busy one loops;
 * - a send in this process wakes its worker at once instead of waiting for the next poll;
 * - on an on-disk PGlite, jobs left `active` by a killed process are retried at start-up:
 *   one process owns the folder, so nobody else is running them. On PostgreSQL another
 *   instance may be, so they wait for their expiry (pg-boss maintenance);
 * - drain(): wait until a queue has nothing due, for tests and scripts.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, DatabaseHandle } from '../db.js';
import { executorOf } from './transaction-executor.js';

export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

export interface QueueOptions {
  /** Attempts after the first; each retry waits retryDelaySeconds, doubling with retryBackoff. */
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** A run that takes longer is failed (and retried): keep the handler's own timeouts below it. */
  expireInSeconds: number;
  /** How often an idle worker looks for due jobs (a send from this process wakes it at once). */
  pollingIntervalSeconds?: number;
  /** Jobs fetched and run together by one worker. */
  batchSize?: number;
  /** The queue lives as long as this process and is deleted when it stops (work only this instance can do). */
  instanceOnly?: boolean;
  /** A job that succeeded is deleted at once rather than kept a while: its data holds secrets. */
  deleteOnSuccess?: boolean;
}

export interface SendOptions {
  /** Commit the job with this transaction (a rolled-back transaction sends nothing). */
  tx?: Database;
  /** Not before this time (a delayed job). */
  startAfter?: Date;
}

export interface JobQueue {
  /** Declares a queue and the handler that works it; call before or after start(). */
  define<T>(name: string, options: QueueOptions, handler: (job: Job<T>) => Promise<void>): void;
  /** Stores a job; resolves once it is stored (or part of `tx`). */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string>;
  /** Runs `name` on a cron schedule (UTC), once per tick across every instance. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** Resolves when nothing in the queue is due or running (a job waiting for its retry is not due). */
  drain(name: string): Promise<void>;
  start(): Promise<void>;
  /** Stops fetching, lets running jobs finish (up to a timeout); jobs not yet run stay for the next start. */
  stop(): Promise<void>;
}

interface Definition {
  name: string;
  options: QueueOptions;
  handler: (job: Job<unknown>) => Promise<void>;
  workerId?: string;
  ready?: Promise<void>;
}

const SCHEMA = 'pgboss';
const DEADLOCK = '40P01';
const STOP_TIMEOUT_MS = 10_000;

export function createJobQueue(database: DatabaseHandle, log: FastifyBaseLogger): JobQueue {
  const definitions = new Map<string, Definition>();
  const schedules: { name: string; cron: string; data: object }[] = [];
  let boss: PgBoss | undefined;
  let stopping = false;
  // Queries pg-boss has in flight: stop() waits for them before the database may close.
  let inFlight = 0;
  let closed = false;
  const adapter: PgBoss.Db = {
    async executeSql(text, values) {
      if (closed) throw new Error('the job queue has stopped');
      inFlight += 1;
      try {
        return await database.executeSql(text, values);
      } finally {
        inFlight -= 1;
      }
    },
  };

  async function work(definition: Definition): Promise<void> {
    const b = boss!;
    const { name, options } = definition;
    const queueOptions = {
      name,
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: options.retryBackoff,
      expireInSeconds: options.expireInSeconds,
    };
    // Creating a queue attaches a partition to pgboss.job: two at once (instances starting
    // together) can deadlock, and PostgreSQL then cancels one; it succeeds when tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await b.createQueue(name, queueOptions);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK || attempt === 3) throw error;
      }
    }
    definition.workerId = await b.work<unknown>(
      name,
      { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        await Promise.all(jobs.map((job) => runOne(b, definition, job)));
        // More may be waiting: look again now rather than after a polling interval.
        if (!stopping) b.notifyWorker(definition.workerId!);
      },
    );
  }

  async function runOne(b: PgBoss, definition: Definition, job: PgBoss.Job<unknown>): Promise<void> {
    try {
      // A job fetched while stopping goes back to the queue rather than half-run.
      if (stopping) throw new Error('the job queue is stopping');
      await definition.handler({ id: job.id, name: job.name, data: job.data });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await b.fail(definition.name, job.id, { message });
      return;
    }
    if (definition.options.deleteOnSuccess) await b.deleteJob(definition.name, job.id);
    else await b.complete(definition.name, job.id);
  }

  /** Jobs a killed process left running on an on-disk PGlite, which only this process can open. */
  async function retryOrphans(b: PgBoss): Promise<void> {
    const { rows } = await database.executeSql(`select name, id from ${SCHEMA}.job where state = 'active'`);
    for (const row of rows as { name: string; id: string }[]) {
      await b.fail(row.name, row.id, { message: 'the process running it stopped' });
    }
    if (rows.length > 0) log.warn({ jobs: rows.length }, 'jobs left running by a stopped process will be retried');
  }

  return {
    define(name, options, handler) {
      if (definitions.has(name)) throw new Error(`job queue ${name} is defined twice`);
      const definition: Definition = { name, options, handler: handler as Definition['handler'] };
      definitions.set(name, definition);
      if (boss) {
        definition.ready = work(definition);
        // send() to this queue rethrows the failure; without a send it is at least logged.
        definition.ready.catch((error: Error) => log.error({ queue: name, err: { message: error.message } }, 'job queue not created'));
      }
    },

    async send(name, data, options = {}) {
      const definition = definitions.get(name);
      // pg-boss drops a job for a queue that does not exist without a word: refuse instead.
      if (!definition || !boss) throw new Error(`job queue ${name} is not defined or not started`);
      await definition.ready;
      const id = randomUUID();
      const job: PgBoss.JobInsert = { id, name, data };
      if (options.startAfter) job.startAfter = options.startAfter;
      // insert() rather than send(): its SQL names each parameter once, which a drizzle
      // transaction can carry (see transaction-executor.ts).
      await boss.insert([job], { db: options.tx ? executorOf(options.tx) : adapter });
      if (definition.workerId) boss.notifyWorker(definition.workerId);
      return id;
    },

    async schedule(name, cron, data = {}) {
      if (!definitions.has(name)) throw new Error(`job queue ${name} is not defined`);
      if (boss) {
        await definitions.get(name)!.ready;
        await boss.schedule(name, cron, data, { tz: 'UTC' });
      } else schedules.push({ name, cron, data });
    },

    async drain(name) {
      const definition = definitions.get(name);
      if (!boss || !definition?.workerId) return;
      for (;;) {
        const { rows } = await database.executeSql(
          `select count(*)::int as due from ${SCHEMA}.job
           where name = $1 and (state = 'active' or (state < 'active' and start_after <= now()))`,
          [name],
        );
        if (Number(rows[0]?.due) === 0) return;
        boss.notifyWorker(definition.workerId);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },

    async start() {
      const b = new PgBoss({
        db: adapter,
        schema: SCHEMA,
        // Expired runs go back to the queue within this time after their expiry.
        maintenanceIntervalSeconds: 30,
        // Finished jobs are kept an hour for inspection, then an hour in the archive. (Mail jobs,
        // whose bodies hold single-use links, are deleted as soon as they are sent.)
        archiveCompletedAfterSeconds: 3600,
        archiveFailedAfterSeconds: 3600,
        deleteAfterHours: 1,
      });
      b.on('error', (error: Error) => {
        if (!closed) log.error({ err: { message: error.message } }, 'job queue error');
      });
      await b.start();
      if (database.kind === 'pglite' && database.durable) await retryOrphans(b);
      boss = b;
      // One queue after the other: each creation takes locks on the same parent table.
      for (const definition of definitions.values()) {
        definition.ready = work(definition);
        await definition.ready;
      }
      for (const s of schedules.splice(0)) await b.schedule(s.name, s.cron, s.data, { tz: 'UTC' });
    },

    async stop() {
      if (!boss || stopping) return;
      stopping = true;
      await boss.stop({ graceful: true, close: false, wait: true, timeout: STOP_TIMEOUT_MS });
      for (const definition of definitions.values()) {
        if (definition.options.instanceOnly) await boss.deleteQueue(definition.name).catch(() => {});
      }
      // pg-boss does not wait for its polling loops to end: let their last queries land.
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      closed = true;
    },
  };
}
