/**
 * What mail and text messages share: delivery in the background, so a request's answer never
 * waits for (or reveals) a send; a failure logged, never thrown at the caller; a drain for
 * shutdown and tests; and, in development, an outbox that keeps the newest messages in memory.
 * Log lines carry only what `describe` picks (recipient, subject): bodies hold secrets.
 *
 * Two forms. The durable one (the server's) stores each message as a job (platform/jobs):
 * enqueue resolves once the message is stored, or is part of the caller's transaction, and
 * it is sent after a crash and restart, retried with backoff when the server or provider
 * refuses it. The in-process one sends from memory, for a sender used without a database.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import type { Database } from './db.js';
import type { JobQueue, QueueOptions } from './jobs/index.js';

export interface EnqueueOptions {
  /** Store the message with this transaction: it goes out only if the transaction commits. */
  tx?: Database;
}

export interface DeliveryQueue<M> {
  /** Queues a send; resolves once queued (durable form: stored). A failed send is logged and retried, never thrown here. */
  enqueue(message: M, options?: EnqueueOptions): Promise<void>;
  /** Resolves when every queued message has been delivered or has failed (and waits for its retry). */
  drain(): Promise<void>;
}

interface Described<M> {
  kind: 'mail' | 'sms';
  describe: (message: M) => Record<string, string>;
}

/** Where messages wait: a queue of the job queue (the server). */
export interface Queueing {
  jobs: JobQueue;
  /** The queue's name; a dev outbox's queue is its instance's own (see platform.ts). */
  queue: string;
  instanceOnly?: boolean;
}

/**
 * The durable form when `queueing` is given, the in-process one otherwise. `settle()` is for
 * closing: it waits for in-process sends; stored jobs stay for the next start.
 */
export function createMessageQueue<M extends object>(
  queueing: Queueing | undefined,
  options: QueueOptions,
  deliver: (message: M) => Promise<void>,
  log: FastifyBaseLogger,
  what: Described<M>,
): DeliveryQueue<M> & { settle(): Promise<void> } {
  if (!queueing) {
    const queue = createDeliveryQueue(deliver, log, what);
    return { ...queue, settle: queue.drain };
  }
  const queue = { name: queueing.queue, options: { ...options, instanceOnly: queueing.instanceOnly ?? false } };
  return { ...createDurableDeliveryQueue(queueing.jobs, queue, deliver, log, what), settle: async () => {} };
}

/** The durable form: one job per message in `queue`, worked by `deliver` on any instance. */
export function createDurableDeliveryQueue<M extends object>(
  jobs: JobQueue,
  queue: { name: string; options: QueueOptions },
  deliver: (message: M) => Promise<void>,
  log: FastifyBaseLogger,
  what: Described<M>,
): DeliveryQueue<M> {
  jobs.define<M>(queue.name, queue.options, async (job) => {
    const facts = { [what.kind]: what.describe(job.data), job: job.id };
    try {
      await deliver(job.data);
    } catch (error) {
      log.error({ ...facts, err: { message: (error as Error).message } }, `${what.kind} failed; it will be retried`);
      throw error;
    }
    log.info(facts, `${what.kind} sent`);
  });
  // Sends not yet stored: drain() waits for them too, in case a caller did not await enqueue().
  const storing = new Set<Promise<unknown>>();
  return {
    async enqueue(message, options = {}) {
      const stored = jobs.send(queue.name, message, options.tx ? { tx: options.tx } : {});
      storing.add(stored);
      try {
        await stored;
      } finally {
        storing.delete(stored);
      }
    },
    async drain() {
      await Promise.allSettled([...storing]);
      await jobs.drain(queue.name);
    },
  };
}

/** The in-process form: sends from memory; nothing survives the process. */
export function createDeliveryQueue<M>(
  deliver: (message: M) => Promise<void>,
  log: FastifyBaseLogger,
  what: Described<M>,
): DeliveryQueue<M> {
  const pending = new Set<Promise<void>>();
  return {
    async enqueue(message) {
      const facts = { [what.kind]: what.describe(message) };
      const delivery = deliver(message)
        .then(() => log.info(facts, `${what.kind} sent`))
        .catch((err: Error) => log.error({ ...facts, err: { message: err.message } }, `${what.kind} failed`))
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

const OUTBOX_LIMIT = 500;

/** The development outbox: the newest messages first, numbered, with the time they were sent. */
export function createOutbox<M extends object>(clock: Clock) {
  const kept: (M & { id: number; sentAt: string })[] = [];
  let nextId = 1;
  return {
    kept: kept as readonly (M & { id: number; sentAt: string })[],
    async keep(message: M): Promise<void> {
      kept.unshift({ ...message, id: nextId++, sentAt: clock.now().toISOString() });
      kept.length = Math.min(kept.length, OUTBOX_LIMIT);
    },
  };
}
