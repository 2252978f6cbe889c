import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** People with an account. `email` is stored trimmed and lower-cased, so equality is case-insensitive. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ['freelancer', 'client'] }).notNull(),
    passwordHash: text('password_hash'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** Granted only from the command line or by another admin. */
    isAdmin: boolean('is_admin').notNull().default(false),
    /** Set by an admin: the next sign-in must choose a new password first. */
    mustResetPassword: boolean('must_reset_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('freelancer', 'client')`)],
);

/**
 * Single-use secrets sent by mail (email verification, password reset).
 * Only the SHA-256 of the secret is stored; the secret itself lives in the link alone.
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', {
      enum: ['email_verification', 'password_reset', 'account_unlock', 'email_change', 'email_change_undo', 'not_me', 'provider_link'],
    }).notNull(),
    /** Data the link acts on, e.g. the new address of an email change. */
    payload: jsonb('payload').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('user_tokens_user_purpose_idx').on(t.userId, t.purpose)],
);
