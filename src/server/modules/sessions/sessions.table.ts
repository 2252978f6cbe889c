import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';

/**
 * Server-side sessions. The client holds a random 256-bit token; this table keeps only
 * its SHA-256 (`token_hash`), so a copy of the database does not hand out live sessions.
 * `id` is a separate public identifier used in the sessions list and revocation URLs.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'browser' sessions ride in a cookie; 'app' sessions are bearer tokens of native apps. */
    client: text('client', { enum: ['browser', 'app'] }).notNull(),
    /** Authenticator assurance level: 1 = one factor, 2 = two factors. */
    aal: integer('aal').notNull(),
    rememberMe: boolean('remember_me').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the person last proved who they are in this session (sign-in or step-up). */
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /**
     * How the session's sign-in began: 'password', 'passkey', or a provider's id ('google').
     * Disconnecting a provider ends the sessions it began. Null for sessions older than the column.
     */
    firstFactor: text('first_factor'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    // An account's sessions that may still be live, for the session limit at every sign-in
    // and the sessions list: ended rows pile up over the years and are skipped.
    index('sessions_user_live_idx').on(t.userId, t.expiresAt).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * Refresh tokens of native-app sessions (sessions/refresh-tokens.ts). Each refresh marks its
 * token used and issues the next one; the session is the token family, so a used token
 * presented again ends the session. Only the token's SHA-256 is kept.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When it was traded for the next one; presented again after that, it ends the session. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);
