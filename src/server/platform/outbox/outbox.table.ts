import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Domain events waiting for their subscribers (the transactional outbox). A row is written in
 * the transaction of the change it announces and deleted once every subscriber has handled
 * it, so the table holds only what is still to deliver (and what was given up on). Payloads
 * may carry links with single-use secrets: they stay no longer than delivery takes.
 * `id` orders the events of one aggregate.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Failed deliveries so far; the next waits until next_attempt_at (exponential backoff). */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** Set after the last attempt failed: an operator looks at last_error and may reset it. */
    abandonedAt: timestamp('abandoned_at', { withTimezone: true }),
  },
  (t) => [index('outbox_aggregate_idx').on(t.aggregateId, t.id)],
);

/** Which subscriber has handled which event: a retry of the event skips them (idempotency). */
export const outboxHandled = pgTable(
  'outbox_handled',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    subscriber: text('subscriber').notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.subscriber] })],
);

/**
 * Which dispatcher delivers events now: one instance at a time holds the lease and renews it
 * while it runs; when it stops renewing (a crash), another takes over after it expires.
 */
export const outboxLease = pgTable('outbox_lease', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
