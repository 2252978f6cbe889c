/**
 * Suspensions. An account is suspended while it has a row that is neither lifted nor past its
 * `ends_at`; rows are history and are never deleted. Suspending ends every session and bearer
 * token of the account in the same transaction, so the next request of any device is refused.
 * The sign-in check (assertMaySignIn) runs only after the person has proven a first factor, so
 * a suspension is never revealed to someone who does not hold the account.
 */
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import type { UserRow } from '../accounts/accounts.queries.js';
import { requestPasswordReset } from '../auth/flows/recovery.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { suspensions } from './admin.table.js';

export type SuspensionRow = typeof suspensions.$inferSelect;

/** The rows in force at `now`: not lifted and not past their end. */
export function inForceAt(now: Date) {
  return and(isNull(suspensions.liftedAt), or(isNull(suspensions.endsAt), gt(suspensions.endsAt, now)));
}

/** The suspension in force for a user at `now`, if any (the newest when several overlap). */
export async function findActiveSuspension(db: Database, userId: string, now: Date): Promise<SuspensionRow | undefined> {
  const [row] = await db
    .select()
    .from(suspensions)
    .where(and(eq(suspensions.userId, userId), inForceAt(now)))
    .orderBy(desc(suspensions.createdAt))
    .limit(1);
  return row;
}

/** Adds a suspension row; the caller ends the sessions in the same transaction. */
export async function insertSuspension(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  input: { userId: string; createdBy: string; publicReason: string; note?: string | undefined; endsAt?: Date | undefined },
): Promise<SuspensionRow> {
  const [row] = await db
    .insert(suspensions)
    .values({
      id: randomUUID(),
      userId: input.userId,
      createdBy: input.createdBy,
      publicReason: input.publicReason,
      note: input.note ?? null,
      endsAt: input.endsAt ?? null,
      createdAt: deps.clock.now(),
    })
    .returning();
  return row!;
}

/** Lifts every suspension in force; answers how many were lifted. */
export async function liftSuspensions(deps: Pick<Deps, 'clock'>, db: Database, userId: string, liftedBy: string): Promise<number> {
  const now = deps.clock.now();
  const lifted = await db
    .update(suspensions)
    .set({ liftedAt: now, liftedBy })
    .where(and(eq(suspensions.userId, userId), inForceAt(now)))
    .returning({ id: suspensions.id });
  return lifted.length;
}

/** Where a suspended or locked-out person can reach support. */
export function supportUrl(deps: Pick<Deps, 'config'>): string {
  return `${deps.config.publicUrl.origin}/support`;
}

/**
 * Refuses a sign-in while a suspension is in force: account_suspended with the public reason
 * and the support address. Called once a first factor is proven (every login ends in
 * finishLogin, so passkey, second-step and future provider logins all pass here).
 */
export async function assertNotSuspended(deps: Deps, user: Pick<UserRow, 'id'>, context: RequestContext, options: { method: string }): Promise<void> {
  const suspension = await findActiveSuspension(deps.db, user.id, deps.clock.now());
  if (suspension) await refuseSuspendedSignIn(deps, user.id, suspension.publicReason, context, options.method);
}

async function refuseSuspendedSignIn(deps: Deps, userId: string, publicReason: string, context: RequestContext, method: string): Promise<never> {
  await recordAuditEvent(deps, deps.db, context, {
    event: 'login_failed',
    userId,
    details: { reason: 'account_suspended', method },
  });
  throw new AppError('account_suspended', { detail: publicReason, supportUrl: supportUrl(deps) });
}

/**
 * The admin's word on a sign-in, once a first factor is proven (password, passkey, provider):
 * refused while suspended; password_reset_required (and a reset link mailed) when an admin
 * asked for a new password, whatever the way in, so a way in added by an intruder does not
 * outlive the reset. Runs before any second-factor challenge, so none is handed out in vain.
 */
export async function assertMaySignIn(deps: Deps, user: UserRow, context: RequestContext, options: { method: string }): Promise<void> {
  await assertNotSuspended(deps, user, context, options);
  if (!user.mustResetPassword) return;
  await recordAuditEvent(deps, deps.db, context, {
    event: 'login_failed',
    userId: user.id,
    details: { reason: 'password_reset_required', method: options.method },
  });
  // The link goes to the account's own address; the reset flow's hourly cap per address applies.
  await requestPasswordReset(deps, user.email, context);
  throw new AppError('password_reset_required');
}

/**
 * Why a revoked session no longer works, when the reason is a suspension of its owner. Runs
 * only for tokens of revoked sessions (the session check already knows the owner), so the
 * hot path stays one read; a person whose sessions a suspension ended sees the reason and the
 * way to support instead of a bare "sign in again".
 */
export async function explainRevokedSession(deps: Pick<Deps, 'db' | 'clock' | 'config'>, userId: string): Promise<AppError | undefined> {
  const suspension = await findActiveSuspension(deps.db, userId, deps.clock.now());
  return suspension ? new AppError('account_suspended', { detail: suspension.publicReason, supportUrl: supportUrl(deps) }) : undefined;
}
