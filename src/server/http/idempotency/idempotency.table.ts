import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Answers kept per Idempotency-Key and caller (http/idempotency/idempotency.ts): a repeat of
 * the same request gets the stored answer instead of a second execution. A row is 'in_flight'
 * while the first request runs, then 'done' with its answer; it lives 24 hours.
 * The caller is named as text ('user:<id>') with no foreign key: http/ depends on no module,
 * and a row outlives a deleted account by a day at most.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, path and the parsed body: a repeat must send the same request. */
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['in_flight', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseType: text('response_type'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);
