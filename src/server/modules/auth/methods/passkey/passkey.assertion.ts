/**
 * Checking a passkey assertion (navigator.credentials.get()) with @simplewebauthn/server:
 * challenge, origin, RP ID hash, user presence (and verification when asked), signature over
 * authenticatorData || SHA-256(clientDataJSON), and the signature counter. A counter that does
 * not grow (when the authenticator keeps one) means a cloned authenticator: refused.
 */
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import { AuthenticationResponseSchema } from '../../../../../shared/contracts.js';
import type { Deps } from '../../../../platform/deps.js';
import { CEREMONY_TTL_MS, relyingParty } from './passkey.ceremony.js';
import { recordPasskeyUse, type PasskeyRow } from './passkey.queries.js';

/**
 * The WebAuthn user handle of an account: the 16 bytes of its random UUID. It is stable, so
 * each authenticator keeps one passkey per account, and it carries no personal data.
 */
export function userHandleOf(userId: string): string {
  return Buffer.from(userId.replaceAll('-', ''), 'hex').toString('base64url');
}

export function userHandleBytes(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replaceAll('-', ''), 'hex'));
}

/** Request options; allowCredentials empty for discoverable sign-in, the user's passkeys otherwise. */
export function requestOptions(
  deps: Pick<Deps, 'config'>,
  options: { allow: PasskeyRow[]; userVerification: 'required' | 'preferred' },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingParty(deps.config).id,
    allowCredentials: options.allow.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: options.userVerification,
    timeout: CEREMONY_TTL_MS,
  });
}

/** An assertion sent as a JSON string (the `code` of a second step), or undefined when it is not one. */
export function parseAssertion(text: string): AuthenticationResponseJSON | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = AuthenticationResponseSchema.safeParse(value);
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : undefined;
}

/** The challenge the client says it signed (checked again by the verification); undefined when unreadable. */
export function challengeOf(response: AuthenticationResponseJSON): string | undefined {
  try {
    const { challenge } = decodeClientDataJSON(response.response.clientDataJSON);
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies an assertion for a stored passkey against the challenge that was taken for it,
 * and records the use. Answers false for any failure; the reason goes to the debug log only.
 */
export async function verifyAssertion(
  deps: Pick<Deps, 'config' | 'db' | 'clock' | 'log'>,
  passkey: PasskeyRow,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  options: { requireUserVerification: boolean },
): Promise<boolean> {
  const rp = relyingParty(deps.config);
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: options.requireUserVerification,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
    });
  } catch (error) {
    deps.log.debug({ err: error, passkeyId: passkey.id }, 'passkey assertion refused');
    return false;
  }
  if (!verified.verified) return false;
  return recordPasskeyUse(deps.db, passkey, {
    counter: verified.authenticationInfo.newCounter,
    backedUp: verified.authenticationInfo.credentialBackedUp,
    at: deps.clock.now(),
  });
}
