/**
 * The dispatcher: delivers each outbox event to every subscriber of its type, at least once,
 * in order per aggregate, with retries and exponential backoff.
 *
 * - One dispatcher per database delivers at a time: it holds a lease (outbox_lease) that it
 *   renews while it runs; if it dies, another instance takes over once the lease expires.
 *   Events are small database work, so one dispatcher keeps up, and the events of a request
 *   are delivered by a predictable instance (that matters for the development outbox, which
 *   keeps mail in the memory of the instance whose queue sent it).
 * - One event per transaction, its row locked (FOR UPDATE SKIP LOCKED), so even two
 *   dispatchers overlapping while a lease changes hands never run one event twice at once.
 *   An event waits while an earlier event of its aggregate is still pending (locked, failing
 *   or waiting for a retry).
 * - Each subscriber runs in a savepoint of that transaction and records its name beside the
 *   event there: its writes (a job enqueued, a row inserted) and the record commit together,
 *   so a retry of the event skips subscribers that already succeeded. A subscriber is thereby
 *   idempotent for its database work; side effects outside the database belong in a job.
 * - Once every subscriber succeeded, the event row is deleted. After a failure the event is
 *   retried after 1 s, 2 s, 4 s, … (capped at an hour); after MAX_ATTEMPTS it is abandoned,
 *   logged, and no longer holds back later events of its aggregate.
 * - Subscribers hold the transaction (on PGlite, the database) while they run: they do
 *   database work and enqueue jobs, never slow I/O.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db.js';
import { describeCause, findUnavailableDependency } from '../outage.js';
import { outbox, outboxHandled, outboxLease } from './outbox.table.js';
import { publications } from './publish.js';

export interface PublishedEvent<P = Record<string, unknown>> {
  id: number;
  type: string;
  aggregateId: string;
  payload: P;
  createdAt: Date;
}

/** Handles one event inside `tx`; throwing retries the event later (for this subscriber only). */
export type Subscriber<P> = (event: PublishedEvent<P>, tx: Database) => Promise<void>;

export interface EventBus {
  /** Adds a subscriber; `name` is stored with each event it handles, so keep it stable. */
  subscribe<P = Record<string, unknown>>(type: string, name: string, handler: Subscriber<P>): void;
  /** Starts delivering (after every subscriber is added: an event nobody subscribes to is done). */
  start(): void;
  /** Delivers every event that is due now, then resolves; does nothing before start(). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 20;
const MAX_BACKOFF_SECONDS = 3600;
const POLL_INTERVAL_MS = 1000;
/** A dispatcher that stops renewing for this long is presumed dead. */
const LEASE_SECONDS = 10;
const RENEW_AFTER_MS = 2000;
const LEASE = 'dispatcher';

const earlier = alias(outbox, 'earlier');

/** Pending, due, and not behind an earlier pending event of its aggregate. */
function deliverable(db: Database) {
  return and(
    isNull(outbox.abandonedAt),
    lte(outbox.nextAttemptAt, sql`now()`),
    notExists(
      db
        .select({ one: sql`1` })
        .from(earlier)
        .where(and(eq(earlier.aggregateId, outbox.aggregateId), lt(earlier.id, outbox.id), isNull(earlier.abandonedAt))),
    ),
  );
}

export function createEventBus(db: Database, log: FastifyBaseLogger): EventBus {
  const subscribers = new Map<string, { name: string; handler: Subscriber<unknown> }[]>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // A publication seen while the loop was busy: look again before sleeping.
  let nudged = false;
  const nudge = () => {
    nudged = true;
    wake?.();
  };

  const holder = randomBytes(9).toString('base64url');
  let renewedAt = 0;

  /** Takes or renews the lease; false while another dispatcher holds it. */
  async function lead(): Promise<boolean> {
    if (Date.now() - renewedAt < RENEW_AFTER_MS) return true;
    const expiresAt = sql`now() + ${LEASE_SECONDS} * interval '1 second'`;
    const held = await db
      .insert(outboxLease)
      .values({ name: LEASE, holder, expiresAt })
      .onConflictDoUpdate({
        target: outboxLease.name,
        set: { holder, expiresAt },
        setWhere: or(eq(outboxLease.holder, holder), lt(outboxLease.expiresAt, sql`now()`)),
      })
      .returning({ holder: outboxLease.holder });
    renewedAt = held.length > 0 ? Date.now() : 0;
    return held.length > 0;
  }

  /** Delivers one event; false when none is deliverable now (or another dispatcher leads). */
  async function dispatchOne(): Promise<boolean> {
    if (!(await lead())) return false;
    return db.transaction(async (tx) => {
      const [event] = await tx
        .select()
        .from(outbox)
        .where(deliverable(tx))
        .orderBy(outbox.id)
        .limit(1)
        .for('update', { of: outbox, skipLocked: true });
      if (!event) return false;
      const handled = new Set(
        (await tx.select({ subscriber: outboxHandled.subscriber }).from(outboxHandled).where(eq(outboxHandled.eventId, event.id))).map(
          (row) => row.subscriber,
        ),
      );
      let failure: string | undefined;
      for (const { name, handler } of subscribers.get(event.type) ?? []) {
        if (handled.has(name)) continue;
        try {
          await tx.transaction(async (savepoint) => {
            await handler(event, savepoint as unknown as Database);
            await savepoint.insert(outboxHandled).values({ eventId: event.id, subscriber: name });
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failure ??= `${name}: ${message}`.slice(0, 500);
          log.error({ event: { id: event.id, type: event.type }, subscriber: name, err: { message } }, 'event subscriber failed');
        }
      }
      if (failure === undefined) {
        await tx.delete(outbox).where(eq(outbox.id, event.id));
        return true;
      }
      const abandon = event.attempts + 1 >= MAX_ATTEMPTS;
      await tx
        .update(outbox)
        .set({
          attempts: event.attempts + 1,
          nextAttemptAt: sql`now() + least(power(2, ${event.attempts}), ${MAX_BACKOFF_SECONDS}) * interval '1 second'`,
          lastError: failure,
          abandonedAt: abandon ? sql`now()` : null,
        })
        .where(eq(outbox.id, event.id));
      if (abandon) log.error({ event: { id: event.id, type: event.type }, attempts: MAX_ATTEMPTS }, 'event abandoned after its last attempt');
      return true;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      nudged = false;
      let worked = false;
      try {
        worked = await dispatchOne();
      } catch (error) {
        // An outage is logged once by the database adapter; the loop just tries again later.
        // Otherwise the driver's error is named, never the wrapper's message with the query.
        if (running && !findUnavailableDependency(error)) log.error({ err: { message: describeCause(error instanceof Error ? (error.cause ?? error) : error) } }, 'event dispatch failed');
      }
      if (worked || nudged || !running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_INTERVAL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    subscribe(type, name, handler) {
      const list = subscribers.get(type) ?? [];
      if (list.some((s) => s.name === name)) throw new Error(`subscriber ${name} of ${type} is added twice`);
      list.push({ name, handler: handler as Subscriber<unknown> });
      subscribers.set(type, list);
    },

    start() {
      if (running) return;
      running = true;
      publications.on('published', nudge);
      loop = run();
    },

    async drain() {
      if (!running) return;
      for (;;) {
        while (await dispatchOne());
        const [row] = await db.select({ due: sql<number>`count(*)::int` }).from(outbox).where(deliverable(db));
        // What remains is being delivered by another dispatcher (this process's loop or another instance).
        if (Number(row?.due ?? 0) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },

    async stop() {
      if (!running) return;
      running = false;
      publications.off('published', nudge);
      nudge();
      await loop;
      // Hand over at once rather than after the lease expires.
      if (renewedAt > 0) await db.delete(outboxLease).where(and(eq(outboxLease.name, LEASE), eq(outboxLease.holder, holder))).catch(() => {});
    },
  };
}
