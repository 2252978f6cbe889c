/**
 * The durable half of the lockout (lockout.ts): locks, their escalation and the run of wrong
 * passwords live in PostgreSQL, so a restart of Redis (which keeps only the short failure
 * window and the budgets) or of every instance ends no lock. Times come from the caller's
 * clock, not the database's, so tests can move them.
 */
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { lockouts } from './lockout.table.js';

/** What is kept of one subject; undefined when nothing is. */
export type LockoutRecord = typeof lockouts.$inferSelect;

/** The subject's record, read before a password is checked. */
export async function readLockout(db: Database, subject: string): Promise<LockoutRecord | undefined> {
  const [row] = await db.select().from(lockouts).where(eq(lockouts.subject, subject));
  return row;
}

/** Counts one wrong password in the subject's run (a new run once `windowMs` has passed); answers the run. */
export async function countWrongPassword(db: Database, subject: string, now: Date, windowMs: number): Promise<number> {
  // Raw SQL parameters carry no column type: times go as text, cast by PostgreSQL.
  const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;
  const fresh = sql`${lockouts.runStartedAt} is null or ${lockouts.runStartedAt} <= ${at(new Date(now.getTime() - windowMs))}`;
  const [row] = await db
    .insert(lockouts)
    .values({ subject, run: 1, runStartedAt: now })
    .onConflictDoUpdate({
      target: lockouts.subject,
      set: {
        run: sql`case when ${fresh} then 1 else ${lockouts.run} + 1 end`,
        runStartedAt: sql`case when ${fresh} then ${at(now)} else ${lockouts.runStartedAt} end`,
      },
    })
    .returning({ run: lockouts.run });
  return row!.run;
}

/**
 * Starts a lock unless one is in force, in the caller's transaction: the row is locked, so of
 * two instances starting the same lock one wins. `lengthMs` gets the number of locks that came
 * before in the streak (within `streakWindowMs`). Answers undefined when a lock was in force.
 */
export async function startLockout(
  tx: Database,
  subject: string,
  now: Date,
  options: { streakWindowMs: number; untilUnlocked: boolean; lengthMs(earlierLocks: number): number },
): Promise<{ lockedUntil: Date; earlierLocks: number } | undefined> {
  await tx.insert(lockouts).values({ subject }).onConflictDoNothing();
  const [row] = await tx.select().from(lockouts).where(eq(lockouts.subject, subject)).for('update');
  if (row!.lockedUntil && row!.lockedUntil > now) return undefined;
  const streakAlive = row!.streakStartedAt !== null && row!.streakStartedAt.getTime() > now.getTime() - options.streakWindowMs;
  const earlierLocks = streakAlive ? row!.streak : 0;
  const lockedUntil = new Date(now.getTime() + options.lengthMs(earlierLocks));
  await tx
    .update(lockouts)
    .set({
      lockedUntil,
      untilUnlocked: options.untilUnlocked,
      streak: earlierLocks + 1,
      streakStartedAt: streakAlive ? row!.streakStartedAt : now,
    })
    .where(eq(lockouts.subject, subject));
  return { lockedUntil, earlierLocks };
}

/** A correct password ends the run and the streak; a lock that another request started meanwhile stays. */
export async function endLockoutRun(db: Database, subject: string, now: Date): Promise<void> {
  await db.delete(lockouts).where(and(eq(lockouts.subject, subject), or(isNull(lockouts.lockedUntil), lte(lockouts.lockedUntil, now))));
}

/** Forgets everything about these subjects, locks included (unlock link, password reset, a confirmed address). */
export async function clearLockouts(db: Database, subjects: string[]): Promise<void> {
  if (subjects.length > 0) await db.delete(lockouts).where(inArray(lockouts.subject, subjects));
}
