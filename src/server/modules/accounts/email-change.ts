/**
 * Changing the account's email address.
 * 1. Request (signed in, with step-up): a single-use link (24 hours, stored hashed, the new
 *    address kept beside it) goes to the NEW address. The answer is always 202, whether or not
 *    the address has an account, and the same mail goes out either way.
 * 2. Confirm: proves the new mailbox. Only now does the address change; it is refused
 *    (409 email_taken) when a confirmed account holds the address by then. A pending,
 *    never-confirmed sign-up holding it is released: it never proved the mailbox, this link
 *    just did. The OLD address is told, with an undo link valid 7 days.
 * 3. Undo: restores the old address, ends every session, forgets every known device, voids
 *    pending links, and mails a password reset link to the restored address — whoever changed
 *    the address had a session and the password.
 */
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { requestPasswordReset } from '../auth/flows/recovery.js';
import { sendSecurityAlert } from '../security/alerts.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { forgetDevices } from '../security/known-devices.service.js';
import { revokeUserSessions, type AuthUser } from '../sessions/sessions.service.js';
import { emailChangeConfirmMail, mailLink } from './accounts.mail.js';
import { findUserById, releaseUnconfirmedEmail, updateUser, type UserRow } from './accounts.queries.js';
import { mayMailAddress } from './accounts.service.js';
import { consumeUserTokenWithPayload, issueUserToken, voidUserTokens } from './user-tokens.js';
import { spendBudget } from '../../http/rate-limit.js';

const REQUESTS_PER_USER_PER_HOUR = 5;

/** Step 1: mails a confirmation link to the new address. */
export async function requestEmailChange(deps: Deps, user: AuthUser, newEmail: string, context: RequestContext): Promise<void> {
  if (newEmail === user.email) {
    throw new AppError('validation_failed', { errors: [{ path: 'newEmail', message: 'This is already your email address.' }] });
  }
  // A signed-in account must not become a way to flood strangers' mailboxes.
  await spendBudget(deps.kv, `email-change-by:${user.id}`, { max: REQUESTS_PER_USER_PER_HOUR, windowSeconds: 3600 });
  const token = await deps.db.transaction(async (tx) => {
    await recordAuditEvent(deps, tx, context, { event: 'email_change_requested', userId: user.id, details: { to: newEmail } });
    return issueUserToken(deps, tx, user.id, 'email_change', { payload: { newEmail } });
  });
  if (await mayMailAddress(deps, newEmail)) await deps.mailer.enqueue(emailChangeConfirmMail(deps.config, newEmail, user.name, token));
}

/** Gives `email` to `userId`; throws email_taken when a confirmed account holds it. */
export async function takeAddress(deps: Deps, db: Database, userId: string, email: string): Promise<UserRow> {
  if (!(await releaseUnconfirmedEmail(db, email, userId))) throw new AppError('email_taken');
  try {
    // Receiving the link proves the mailbox: the address is confirmed as it is set.
    const updated = await updateUser(db, userId, { email, emailVerifiedAt: deps.clock.now() });
    // Links mailed to confirm an earlier address must not sign in through this one.
    await voidUserTokens(deps, db, userId, 'email_verification');
    return updated;
  } catch (error) {
    // Two confirmations racing for one address: the unique index lets one win.
    if (isUniqueViolation(error)) throw new AppError('email_taken');
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined);
  return codeOf(error) === '23505' || codeOf((error as { cause?: unknown } | null)?.cause) === '23505';
}

/** Step 2: the link from the new mailbox changes the address and tells the old one. */
export async function confirmEmailChange(deps: Deps, token: string, context: RequestContext): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { userId, payload } = await consumeUserTokenWithPayload(deps, tx, token, 'email_change');
    const before = await findUserById(tx, userId);
    if (!before || !payload.newEmail) throw new AppError('invalid_token');
    const after = await takeAddress(deps, tx, userId, payload.newEmail);
    const undo = await issueUserToken(deps, tx, userId, 'email_change_undo', {
      keepEarlier: true,
      payload: { oldEmail: before.email, newEmail: after.email },
    });
    await recordAuditEvent(deps, tx, context, { event: 'email_changed', userId, details: { from: before.email, to: after.email } });
    await sendSecurityAlert(deps, tx, before, 'email_changed', after.email, {
      action: { label: 'Undo this change', url: mailLink(deps.config, '/undo-email-change', undo) },
    });
  });
}

/** Step 3: the undo link from the old mailbox restores it and locks the intruder out. */
export async function undoEmailChange(deps: Deps, token: string, context: RequestContext): Promise<void> {
  const restored = await deps.db.transaction(async (tx) => {
    const { userId, payload } = await consumeUserTokenWithPayload(deps, tx, token, 'email_change_undo');
    const current = await findUserById(tx, userId);
    if (!current || !payload.oldEmail) throw new AppError('invalid_token');
    const user = await takeAddress(deps, tx, userId, payload.oldEmail);
    // Links mailed to the address being undone (reset, further changes and undos) stop working.
    for (const purpose of ['email_change', 'email_change_undo', 'password_reset'] as const) {
      await voidUserTokens(deps, tx, userId, purpose);
    }
    const ended = await revokeUserSessions(deps, tx, userId);
    await forgetDevices(tx, userId);
    await recordAuditEvent(deps, tx, context, {
      event: 'email_change_undone',
      userId,
      details: { from: current.email, to: user.email, sessionsEnded: ended },
    });
    return user;
  });
  await requestPasswordReset(deps, restored.email, context);
}
