import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only record of security events. A trigger (migration 0001) refuses UPDATE and
 * DELETE, so the application cannot rewrite history even by mistake.
 * `user_id` has no foreign key on purpose: events outlive the accounts they name.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    event: text('event').notNull(),
    userId: uuid('user_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('audit_events_user_at_idx').on(t.userId, t.at), index('audit_events_at_idx').on(t.at)],
);
