/**
 * One budget per account for wrong second-step answers (ASVS 5.0 6.3.1; NIST SP 800-63B §5.2.2).
 *
 * - Counted, whatever the challenge, address or session: wrong answers to a login's second step,
 *   wrong answers at step-up (password or code), and wrong current passwords on the password
 *   change. A right second-step answer or a passed step-up ends the run.
 * - Every WRONG_ANSWERS_PER_LOCK (10) wrong answers in a row lock the answers that can be guessed
 *   (authenticator and mailed or texted codes, passwords) for LOCKOUT_MINUTES (30), twice as long
 *   for each further lock of the run, up to a day. The 100th in a row, NIST's ceiling, starts a
 *   lock that does not end by itself: a right passkey or recovery code ends it, or a new
 *   password chosen through a reset link.
 * - Passkeys and recovery codes (120 bits) cannot be guessed online, so they are still checked
 *   during a lock: someone who knows the password can pause the owner's codes, never lock the
 *   owner out.
 * - A try is counted before its answer is checked, in the one statement that also refuses it
 *   during a lock, so racing requests get no more than the budget; an answer that could not be
 *   checked (no live code, a server error) gives its try back.
 * - A locked answer is 423 account_locked, the code clients already handle at login: the account,
 *   not the caller, is what is paused, whatever address asks. A timed lock says its end (detail,
 *   ISO 8601) and Retry-After; 429 would invite clients to retry automatically.
 * - The owner gets one mail per lock: only the statement that moved the count onto the limit
 *   starts it. The count lives in PostgreSQL (second_step_failures), so restarting Redis or an
 *   instance gives no one a fresh budget.
 */
import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { sendSecurityAlert } from './alerts.js';
import { recordAuditEvent } from './audit.service.js';
import { secondStepFailures as failures } from './second-step-lockout.table.js';

/** Wrong answers in a row that start each lock. */
export const WRONG_ANSWERS_PER_LOCK = 10;
/** Wrong answers in a row after which the lock lasts until the owner ends it (NIST SP 800-63B §5.2.2). */
export const MAX_WRONG_ANSWERS_IN_A_ROW = 100;
const LONGEST_TIMED_LOCK_MS = 24 * 3_600_000;

interface Account {
  id: string;
  email: string;
  name: string;
}

/** What was answered, for the audit trail: a method id, and where (login, step_up, password_change). */
export interface SecondStepAnswer {
  method: string;
  during: 'login' | 'step_up' | 'password_change';
  /** A passkey or a recovery code: checked even while the second step is locked. */
  unguessable?: boolean;
}

const timestamp = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Whether the row's lock holds at `now`, as SQL on the stored row. */
function lockedSql(now: Date) {
  return sql`(${failures.wrongAnswers} >= ${MAX_WRONG_ANSWERS_IN_A_ROW} or coalesce(${failures.lockedUntil} > ${timestamp(now)}, false))`;
}

/** The end of the lock that the `wrongAnswers`-th answer starts, as SQL (the same rule as lockLength). */
function lockEndSql(deps: Pick<Deps, 'config'>, now: Date, wrongAnswers: SQL) {
  const firstLockMs = deps.config.lockout.lockMinutes * 60_000;
  return sql`${timestamp(now)} + least(${firstLockMs}::float8 * power(2, (${wrongAnswers}) / ${WRONG_ANSWERS_PER_LOCK} - 1), ${LONGEST_TIMED_LOCK_MS}) * interval '1 millisecond'`;
}

function lockedError(deps: Pick<Deps, 'clock'>, row: { wrongAnswers: number; lockedUntil: Date | null }): AppError {
  // A lock that only the owner ends has no end to tell.
  if (row.wrongAnswers >= MAX_WRONG_ANSWERS_IN_A_ROW || !row.lockedUntil) return new AppError('account_locked');
  const end = new Date(Math.ceil(row.lockedUntil.getTime() / 1000) * 1000);
  const waitMs = end.getTime() - deps.clock.now().getTime();
  return new AppError('account_locked', { detail: end.toISOString(), retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
}

async function findLock(deps: Pick<Deps, 'db' | 'clock'>, userId: string) {
  const [row] = await deps.db
    .select({ wrongAnswers: failures.wrongAnswers, lockedUntil: failures.lockedUntil })
    .from(failures)
    .where(and(eq(failures.userId, userId), lockedSql(deps.clock.now())));
  return row;
}

/** Throws 423 account_locked while the account's guessable second-step answers are locked (e.g. before sending a code). */
export async function assertSecondStepOpen(deps: Pick<Deps, 'db' | 'clock'>, userId: string): Promise<void> {
  const lock = await findLock(deps, userId);
  if (lock) throw lockedError(deps, lock);
}

/** Counts one try for the account; answers the run it makes, or undefined when a lock refused it. */
async function countTry(deps: Pick<Deps, 'db' | 'clock' | 'config'>, userId: string, options: { refuseWhenLocked: boolean }) {
  const now = deps.clock.now();
  const next = sql`${failures.wrongAnswers} + 1`;
  const [row] = await deps.db
    .insert(failures)
    .values({ userId, wrongAnswers: 1, lastWrongAt: now })
    .onConflictDoUpdate({
      target: failures.userId,
      set: {
        wrongAnswers: next,
        lastWrongAt: now,
        lockedUntil: sql`case when (${next}) % ${WRONG_ANSWERS_PER_LOCK} = 0 then ${lockEndSql(deps, now, next)} else ${failures.lockedUntil} end`,
      },
      ...(options.refuseWhenLocked ? { setWhere: sql`not ${lockedSql(now)}` } : {}),
    })
    .returning({ wrongAnswers: failures.wrongAnswers, lockedUntil: failures.lockedUntil });
  return row;
}

/**
 * Checks one second-step answer against the account's budget: refuses a guessable answer with
 * 423 account_locked during a lock (before `check` runs, so nothing is hashed or compared),
 * counts the try, runs `check`, and answers its verdict. A right answer ends the run; a wrong
 * one that reaches a limit starts the lock and mails the owner; a `check` that throws gives the
 * try back and rethrows.
 */
export async function checkSecondStepAnswer(
  deps: Deps,
  user: Account,
  answer: SecondStepAnswer,
  context: RequestContext,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const counted = await countTry(deps, user.id, { refuseWhenLocked: !answer.unguessable });
  if (!counted) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: user.id,
      details: { reason: 'second_step_locked', method: answer.method, during: answer.during },
    });
    throw lockedError(deps, (await findLock(deps, user.id)) ?? { wrongAnswers: MAX_WRONG_ANSWERS_IN_A_ROW, lockedUntil: null });
  }
  let valid: boolean;
  try {
    valid = await check();
  } catch (error) {
    await giveTryBack(deps, user.id, counted.wrongAnswers);
    throw error;
  }
  if (valid) {
    await endRun(deps, user.id);
    return true;
  }
  if (counted.wrongAnswers % WRONG_ANSWERS_PER_LOCK === 0) await announceLock(deps, user, counted, context);
  return false;
}

/** Undoes a try whose answer was never checked; the lock it started, if any, goes with it when nothing came after. */
async function giveTryBack(deps: Pick<Deps, 'db'>, userId: string, wrongAnswers: number): Promise<void> {
  const startedLock = wrongAnswers % WRONG_ANSWERS_PER_LOCK === 0;
  await deps.db
    .update(failures)
    .set({
      wrongAnswers: sql`greatest(${failures.wrongAnswers} - 1, 0)`,
      ...(startedLock ? { lockedUntil: sql`case when ${failures.wrongAnswers} = ${wrongAnswers} then null else ${failures.lockedUntil} end` } : {}),
    })
    .where(and(eq(failures.userId, userId), gte(failures.wrongAnswers, 1)));
}

async function endRun(deps: Pick<Deps, 'db'>, userId: string): Promise<void> {
  await deps.db
    .update(failures)
    .set({ wrongAnswers: 0, lockedUntil: null })
    .where(and(eq(failures.userId, userId), sql`(${failures.wrongAnswers} > 0 or ${failures.lockedUntil} is not null)`));
}

/**
 * After a new password chosen through a reset link: a lock that would not end by itself ends,
 * and its run with it. Timed locks stay, so a reset cannot be used to skip their waits.
 */
export async function endSecondStepLockAfterReset(deps: Pick<Deps, 'db'>, userId: string): Promise<void> {
  await deps.db
    .update(failures)
    .set({ wrongAnswers: 0, lockedUntil: null })
    .where(and(eq(failures.userId, userId), gte(failures.wrongAnswers, MAX_WRONG_ANSWERS_IN_A_ROW)));
}

async function announceLock(
  deps: Deps,
  user: Account,
  counted: { wrongAnswers: number; lockedUntil: Date | null },
  context: RequestContext,
): Promise<void> {
  const untilOwner = counted.wrongAnswers >= MAX_WRONG_ANSWERS_IN_A_ROW;
  await recordAuditEvent(deps, deps.db, context, {
    event: 'second_step_locked',
    userId: user.id,
    details: { wrongAnswers: counted.wrongAnswers, until: untilOwner ? 'ended_by_owner' : counted.lockedUntil?.toISOString() ?? null },
  });
  const pause = untilOwner
    ? 'until you sign in with a passkey or a recovery code, or choose a new password with the link below: wrong answers keep coming, so this pause does not end by itself'
    : `until ${counted.lockedUntil?.toUTCString()}`;
  await sendSecurityAlert(
    deps,
    deps.db,
    user,
    'second_step_locked',
    `${counted.wrongAnswers} wrong answers in a row were given to the second step of signing in to your Workgate account ` +
      `(codes, or passwords when confirming it was you). Codes from your authenticator app, email and text messages are not accepted ${pause}. ` +
      'Passkeys and recovery codes still work.',
  );
}
