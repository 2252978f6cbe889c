import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';

/**
 * Browsers that have signed in to an account before. The browser keeps a random device
 * token in a long-lived HttpOnly cookie; the table keeps its SHA-256 per user. A known
 * device has its own failed-login counter, so an attacker's failures from elsewhere never
 * lock the owner out of their own device.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('known_devices_user_token_idx').on(t.userId, t.tokenHash)],
);
