/**
 * A passkey (or security key) as the second step after a password, and as a proof for
 * step-up. The client first asks for request options limited to the user's passkeys; the
 * challenge is kept for that user for 5 minutes. The answer (`code`) is the JSON of the
 * assertion; it names the challenge it signed, which is taken — one try per challenge.
 * User verification is preferred, not required: the password (or the live session) is the
 * other factor here.
 */
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Deps } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import type { SecondFactorMethod } from '../second-factor.js';
import { challengeOf, parseAssertion, requestOptions, verifyAssertion } from './passkey.assertion.js';
import { saveChallenge, takeChallenge } from './passkey.ceremony.js';
import { findPasskeyByCredentialId, hasPasskeySql, holdPasskeysMadeSince, listPasskeys } from './passkey.queries.js';

/** Request options for a second step or step-up of `userId`; method_not_available without passkeys. */
export async function passkeyFactorOptions(deps: Deps, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allow = await listPasskeys(deps.db, userId);
  if (allow.length === 0) throw new AppError('method_not_available');
  const options = await requestOptions(deps, { allow, userVerification: 'preferred' });
  await saveChallenge(deps, 'factor', `${userId}:${options.challenge}`, options.challenge);
  return options;
}

export const passkeyMethod: SecondFactorMethod = {
  id: 'passkey',
  unguessable: true,
  enabledSql: hasPasskeySql,
  // A held passkey still answers a second step (after the password only the owner could
  // reset), but no longer signs in alone: see passkey.login.ts.
  holdSetUpSince: holdPasskeysMadeSince,
  async verify(deps, user, code) {
    const response = parseAssertion(code);
    const challenge = response && challengeOf(response);
    if (!response || !challenge) return false;
    // Only a challenge issued to this user, within 5 minutes, and never used before.
    if ((await takeChallenge(deps, 'factor', `${user.id}:${challenge}`)) !== challenge) return false;
    const passkey = await findPasskeyByCredentialId(deps.db, response.id);
    if (!passkey || passkey.userId !== user.id) return false;
    return verifyAssertion(deps, passkey, response, challenge, { requireUserVerification: false });
  },
};
