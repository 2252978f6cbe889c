/**
 * What mail and text messages share: delivery in the background, so a request's answer never
 * waits for (or reveals) a send; a failure logged, never thrown at the caller; a drain for
 * shutdown and tests; and, in development, an outbox that keeps the newest messages in memory.
 * Log lines carry only what `describe` picks (recipient, subject): bodies hold secrets.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';

export interface DeliveryQueue<M> {
  /** Sends in the background; a failure is logged, never thrown at the caller. */
  enqueue(message: M): void;
  /** Resolves when every queued message has been delivered or has failed. */
  drain(): Promise<void>;
}

export function createDeliveryQueue<M>(
  deliver: (message: M) => Promise<void>,
  log: FastifyBaseLogger,
  what: { kind: 'mail' | 'sms'; describe: (message: M) => Record<string, string> },
): DeliveryQueue<M> {
  const pending = new Set<Promise<void>>();
  return {
    enqueue(message) {
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
