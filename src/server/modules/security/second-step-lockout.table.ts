import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/index.js';

/**
 * Wrong second-step answers of an account in a row, and the lock they started
 * (second-step-lockout.ts). Kept in PostgreSQL, not in the kv adapter, so neither a Redis
 * restart nor a new instance gives a guesser a fresh budget.
 */
export const secondStepFailures = pgTable('second_step_failures', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Wrong answers since the last right one (the run NIST SP 800-63B §5.2.2 caps at 100). */
  wrongAnswers: integer('wrong_answers').notNull().default(0),
  /** The end of the timed lock in force or last in force; null when none has been. */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastWrongAt: timestamp('last_wrong_at', { withTimezone: true }),
});
