import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/accounts.table.js';

/**
 * A login waiting for its second factor. The client holds a random secret (`challenge`);
 * the table keeps its SHA-256. It lives 10 minutes, survives a page reload (the client
 * keeps the secret), and ends after 5 wrong codes.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    client: text('client', { enum: ['browser', 'app'] }).notNull(),
    rememberMe: boolean('remember_me').notNull(),
    /** The first factor that passed, for the audit trail. */
    firstFactor: text('first_factor').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A new device's check (flows/new-device-check.ts): only a mailed code, and the session stays one factor. */
    newDeviceCheck: boolean('new_device_check').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
);
