/**
 * Sign-in with a passkey alone (discoverable credentials; also what browser autofill of
 * passkeys, "conditional UI", uses). The options name no credential and require user
 * verification: the authenticator proves possession of the key and checks a PIN or a
 * biometric, so the session counts as two factors (assurance level 2).
 * Every refusal is the same invalid_passkey, audited with its reason.
 */
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import { findUserById, type UserRow } from '../../../accounts/accounts.queries.js';
import { recordAuditEvent } from '../../../security/audit.service.js';
import { requestOptions, userHandleOf, verifyAssertion } from './passkey.assertion.js';
import { findPasskeyByCredentialId } from './passkey.queries.js';

/** Options for a discoverable sign-in: no allowCredentials, user verification required. */
export function passkeyLoginOptions(deps: Deps): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return requestOptions(deps, { allow: [], userVerification: 'required' });
}

/**
 * Checks an assertion against the challenge this browser was given (already taken, so it
 * cannot be used again) and answers the passkey's owner.
 */
export async function authenticateWithPasskey(
  deps: Deps,
  input: { challenge: string | undefined; response: AuthenticationResponseJSON },
  context: RequestContext,
): Promise<UserRow> {
  const refuse = async (reason: string, userId: string | null): Promise<never> => {
    await recordAuditEvent(deps, deps.db, context, { event: 'login_failed', userId, details: { reason, method: 'passkey' } });
    throw new AppError(reason === 'no_challenge' ? 'challenge_expired' : 'invalid_passkey');
  };
  if (!input.challenge) return refuse('no_challenge', null);
  const passkey = await findPasskeyByCredentialId(deps.db, input.response.id);
  if (!passkey) return refuse('unknown_passkey', null);
  // The user handle, when the authenticator returns one, must name the passkey's owner.
  const handle = input.response.response.userHandle;
  if (handle !== undefined && handle !== userHandleOf(passkey.userId)) return refuse('user_handle_mismatch', passkey.userId);
  const valid = await verifyAssertion(deps, passkey, input.response, input.challenge, { requireUserVerification: true });
  if (!valid) return refuse('invalid_assertion', passkey.userId);
  // Added after a sign-in the owner reported: it may be the intruder's, so alone it signs no
  // one in until the owner, signed in with the password and second step, keeps it.
  if (passkey.heldAt) {
    await recordAuditEvent(deps, deps.db, context, { event: 'login_failed', userId: passkey.userId, details: { reason: 'held_after_report', method: 'passkey' } });
    throw new AppError('sign_in_method_held');
  }
  const user = await findUserById(deps.db, passkey.userId);
  if (!user) return refuse('unknown_passkey', null);
  if (!user.emailVerifiedAt) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: user.id,
      details: { reason: 'email_unverified', method: 'passkey' },
    });
    throw new AppError('email_unverified');
  }
  return user;
}
