/**
 * What admins do to accounts. Each action runs in one transaction with its audit event, which
 * names the acting admin (`details.by`), the target (`user_id`) and the reason. An admin never
 * acts on their own account here (cannot_act_on_self), and no action may leave the platform
 * without an admin who can still act (last_admin): admin rows are locked first, so two admins
 * acting on each other at once are serialized.
 */
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { findUserByEmail, findUserById, updateUser, type UserRow } from '../accounts/accounts.queries.js';
import { resendVerification } from '../accounts/accounts.service.js';
import { requestPasswordReset } from '../auth/flows/recovery.js';
import { recordAuditEvent, type AuditEventType } from '../security/audit.service.js';
import { revokeEverySession, revokeUserSessions } from '../sessions/sessions.service.js';
import { countOtherActiveAdmins, lockAdminRows } from './admin.queries.js';
import { insertSuspension, liftSuspensions } from './suspension.service.js';
import { holdProfiles, releaseProfiles } from '../profiles/index.js';

/** Who acts: an admin's user id, or the operator at the command line. */
export type Actor = { adminId: string } | { commandLine: true };

const actorName = (actor: Actor) => ('adminId' in actor ? actor.adminId : 'command_line');

async function targetOf(deps: Pick<Deps, 'db'>, actor: Actor, target: string | { email: string }): Promise<UserRow> {
  const user = typeof target === 'string' ? await findUserById(deps.db, target) : await findUserByEmail(deps.db, target.email);
  if (!user) throw new AppError('not_found');
  if ('adminId' in actor && actor.adminId === user.id) throw new AppError('cannot_act_on_self');
  return user;
}

async function audit(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  context: RequestContext,
  entry: { event: AuditEventType; actor: Actor; target: UserRow; reason?: string | undefined; details?: Record<string, unknown> },
) {
  await recordAuditEvent(deps, db, context, {
    event: entry.event,
    userId: entry.target.id,
    details: { by: actorName(entry.actor), targetEmail: entry.target.email, reason: entry.reason ?? null, ...entry.details },
  });
}

/** Refuses when `target` is an admin and no other admin could act afterwards. Call inside the transaction. */
async function assertNotLastAdmin(deps: Pick<Deps, 'clock'>, tx: Database, target: UserRow): Promise<void> {
  if (!target.isAdmin) return;
  await lockAdminRows(tx);
  if ((await countOtherActiveAdmins(tx, target.id, deps.clock.now())) === 0) throw new AppError('last_admin');
}

/** Grants or revokes the admin role; answers the updated user. `email` or `userId` names the target. */
export async function setAdminRole(
  deps: Deps,
  input: { target: { email: string } | { userId: string }; grant: boolean; actor: Actor; reason?: string | undefined },
  context: RequestContext,
): Promise<UserRow> {
  const user = await targetOf(deps, input.actor, 'email' in input.target ? input.target : input.target.userId);
  return deps.db.transaction(async (tx) => {
    if (!input.grant) await assertNotLastAdmin(deps, tx, user);
    const updated = await updateUser(tx, user.id, { isAdmin: input.grant });
    await audit(deps, tx, context, { event: input.grant ? 'admin_granted' : 'admin_revoked', actor: input.actor, target: user, reason: input.reason });
    return updated;
  });
}

/** Suspends the account and ends all its sessions and tokens at once. */
export async function suspendAccount(
  deps: Deps,
  input: { userId: string; actor: { adminId: string }; publicReason: string; note?: string | undefined; endsAt?: Date | undefined },
  context: RequestContext,
): Promise<{ user: UserRow; sessionsEnded: number }> {
  const user = await targetOf(deps, input.actor, input.userId);
  if (input.endsAt && input.endsAt.getTime() <= deps.clock.now().getTime()) {
    throw new AppError('validation_failed', { errors: [{ path: 'endsAt', message: 'Choose a time in the future.' }] });
  }
  const sessionsEnded = await deps.db.transaction(async (tx) => {
    await assertNotLastAdmin(deps, tx, user);
    await insertSuspension(deps, tx, { userId: user.id, createdBy: input.actor.adminId, publicReason: input.publicReason, note: input.note, endsAt: input.endsAt });
    // Suspended people's profiles vanish from pages and search in the same commit.
    await holdProfiles(tx, user.id, input.endsAt ?? null, deps.clock.now());
    const ended = await revokeUserSessions(deps, tx, user.id);
    await audit(deps, tx, context, {
      event: 'account_suspended',
      actor: input.actor,
      target: user,
      reason: input.publicReason,
      details: { note: input.note ?? null, until: input.endsAt?.toISOString() ?? null, sessionsEnded: ended },
    });
    return ended;
  });
  return { user, sessionsEnded };
}

/** Lifts the suspensions in force; answers the user (not_found when it does not exist). */
export async function unsuspendAccount(deps: Deps, input: { userId: string; actor: { adminId: string }; reason?: string | undefined }, context: RequestContext): Promise<UserRow> {
  const user = await targetOf(deps, input.actor, input.userId);
  await deps.db.transaction(async (tx) => {
    const lifted = await liftSuspensions(deps, tx, user.id, input.actor.adminId);
    await releaseProfiles(tx, user.id);
    await audit(deps, tx, context, { event: 'account_unsuspended', actor: input.actor, target: user, reason: input.reason, details: { lifted } });
  });
  return user;
}

/** Signs the account out everywhere (every session and bearer token). */
export async function revokeAccountSessions(deps: Deps, input: { userId: string; actor: { adminId: string }; reason?: string | undefined }, context: RequestContext) {
  const user = await targetOf(deps, input.actor, input.userId);
  const sessionsEnded = await deps.db.transaction(async (tx) => {
    const ended = await revokeUserSessions(deps, tx, user.id);
    await audit(deps, tx, context, { event: 'admin_sessions_revoked', actor: input.actor, target: user, reason: input.reason, details: { sessionsEnded: ended } });
    return ended;
  });
  return { user, sessionsEnded };
}

/**
 * Signs every account out (every session and bearer token), except the admin's own session that
 * asks (ASVS 5.0 7.4.5), e.g. after a leak of session tokens. The audit event names the admin,
 * the reason and how many sessions ended; it concerns no one account.
 */
export async function signOutEveryone(
  deps: Deps,
  input: { actor: { adminId: string }; exceptSessionId: string; reason?: string | undefined },
  context: RequestContext,
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const ended = await revokeEverySession(deps, tx, { exceptSessionId: input.exceptSessionId });
    await recordAuditEvent(deps, tx, context, {
      event: 'admin_all_sessions_revoked',
      userId: null,
      details: { by: input.actor.adminId, reason: input.reason ?? null, sessionsEnded: ended },
    });
    return ended;
  });
}

/** Mails a new verification link when the address is still unconfirmed; answers whether one was asked for. */
export async function resendAccountVerification(deps: Deps, input: { userId: string; actor: { adminId: string }; reason?: string | undefined }, context: RequestContext) {
  const user = await targetOf(deps, input.actor, input.userId);
  const mailed = user.emailVerifiedAt === null;
  await audit(deps, deps.db, context, { event: 'admin_verification_resent', actor: input.actor, target: user, reason: input.reason, details: { mailed } });
  // The accounts service applies its own per-address cap, as for a person asking themselves.
  if (mailed) await resendVerification(deps, user.email, context);
  return { user, mailed };
}

/** The next sign-in must choose a new password: sets the flag, ends every session, mails a reset link. */
export async function forcePasswordReset(deps: Deps, input: { userId: string; actor: { adminId: string }; reason?: string | undefined }, context: RequestContext) {
  const target = await targetOf(deps, input.actor, input.userId);
  const { user, sessionsEnded } = await deps.db.transaction(async (tx) => {
    const updated = await updateUser(tx, target.id, { mustResetPassword: true });
    const ended = await revokeUserSessions(deps, tx, target.id);
    await audit(deps, tx, context, { event: 'admin_password_reset_forced', actor: input.actor, target, reason: input.reason, details: { sessionsEnded: ended } });
    return { user: updated, sessionsEnded: ended };
  });
  await requestPasswordReset(deps, user.email, context);
  return { user, sessionsEnded };
}
