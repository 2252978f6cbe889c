import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../accounts/accounts.table.js';

/**
 * Six-digit codes sent by mail or SMS: valid 10 minutes, at most 5 tries, then a new code
 * is needed. Stored as SHA-256 together with the attempt count; the few guesses allowed make
 * the small code space safe.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** What the code is for: a login challenge, step-up, or confirming a phone number. */
    purpose: text('purpose', { enum: ['second_factor', 'phone_verification'] }).notNull(),
    /**
     * What a second-factor code was sent for, `login:<challenge id>` or `step_up:<session id>`:
     * it is accepted for that and nothing else. Null for phone verification, which is bound to
     * the number instead.
     */
    sentFor: text('sent_for'),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('one_time_codes_user_idx').on(t.userId, t.channel, t.purpose)],
);

/** Second factors delivered by a channel: email codes, SMS codes to a verified phone. */
export const channelFactors = pgTable('channel_factors', {
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
  enabled: boolean('enabled').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.channel] })]);

/** A phone number in E.164, verified by a code before it can receive second-factor codes. */
export const phoneNumbers = pgTable('phone_numbers', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  e164: text('e164').notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
