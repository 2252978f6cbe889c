/**
 * Reauthentication for step-up: the password, or any second factor the account has set up.
 * A wrong answer is audited like a failed login.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { AppError } from '../../../http/errors.js';
import { findUserById } from '../../accounts/accounts.queries.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { markReauthenticated, type AuthSession, type AuthUser } from '../../sessions/sessions.service.js';
import { verifyUserPassword } from '../methods/password/password.service.js';
import { usableSecondFactor } from '../methods/registry.js';

export type ReauthenticationProof = { password: string } | { method: string; code: string };

export async function reauthenticate(
  deps: Deps,
  auth: { user: AuthUser; session: AuthSession },
  proof: ReauthenticationProof,
  context: RequestContext,
): Promise<void> {
  let valid: boolean;
  let method: string;
  if ('password' in proof) {
    method = 'password';
    valid = await verifyUserPassword(deps, deps.db, await findUserById(deps.db, auth.user.id), proof.password);
  } else {
    const found = await usableSecondFactor(deps, auth.user.id, proof.method);
    if (!found) throw new AppError('method_not_available');
    method = found.id;
    valid = await found.verify(deps, auth.user, proof.code);
  }
  if (!valid) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: auth.user.id,
      details: { reason: 'wrong_reauthentication', method },
    });
    throw new AppError(method === 'password' ? 'invalid_credentials' : 'invalid_code', { status: 403 });
  }
  await markReauthenticated(deps, auth.session.id);
  await recordAuditEvent(deps, deps.db, context, { event: 'reauthenticated', userId: auth.user.id, details: { method } });
}
