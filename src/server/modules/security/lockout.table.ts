import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What the lockout must not forget (lockout.store.ts): per subject, the SHA-256 of an address
 * (its unknown devices) or `device:<id>` (one known device), the lock in force, the locks that
 * followed one another, and the run of wrong passwords since the last correct one. Rows exist
 * for addresses without an account too, so there is no key to users. The short failure window
 * and the per-IP and global budgets stay in the kv store (Redis).
 */
export const lockouts = pgTable('lockouts', {
  subject: text('subject').primaryKey(),
  /** Wrong passwords since the last correct one, unlock or reset, counted from runStartedAt. */
  run: integer('run').notNull().default(0),
  runStartedAt: timestamp('run_started_at', { withTimezone: true }),
  /** Locks that followed one another without a correct password, counted from streakStartedAt. */
  streak: integer('streak').notNull().default(0),
  streakStartedAt: timestamp('streak_started_at', { withTimezone: true }),
  /** End of the lock in force (in the past once it has ended). */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** The lock ends only by the owner's unlock link or a password reset. */
  untilUnlocked: boolean('until_unlocked').notNull().default(false),
});
