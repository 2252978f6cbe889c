/**
 * Passkeys on an account: registering (a discoverable credential, user verification
 * preferred, 'none' attestation, the user's existing passkeys excluded), listing, renaming
 * and removing. A passkey is also a second factor: the first one turns on the second step of
 * password sign-in, and comes with recovery codes when the account has none (as the
 * authenticator app does); removing the last factor removes the recovery codes.
 */
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { generateId } from '../../../../platform/secrets.js';
import { AppError } from '../../../../http/errors.js';
import { recordAuditEvent } from '../../../security/audit.service.js';
import { sendSecurityAlert } from '../../../security/alerts.js';
import type { AuthSession, AuthUser } from '../../../sessions/sessions.service.js';
import { describeDevice } from '../../../sessions/device.js';
import { recoveryCodesForNewFactor } from '../recovery-code/recovery-code.service.js';
import { dropUnbackedRecoveryCodes } from '../registry.js';
import { userHandleBytes } from './passkey.assertion.js';
import { CEREMONY_TTL_MS, relyingParty, saveChallenge, takeChallenge } from './passkey.ceremony.js';
import { deletePasskey, insertPasskey, listPasskeys, releaseHeldPasskey, renamePasskey, type PasskeyRow } from './passkey.queries.js';

/** A passkey as the account API shows it (never the key or the credential id). */
export function toPasskeyView(row: PasskeyRow) {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    deviceType: row.deviceType as 'singleDevice' | 'multiDevice',
    backedUp: row.backedUp,
    held: row.heldAt !== null,
  };
}

export type PasskeyView = ReturnType<typeof toPasskeyView>;

/** Options for navigator.credentials.create(); the challenge is bound to this session. */
export async function startPasskeyRegistration(
  deps: Deps,
  auth: { user: AuthUser; session: AuthSession },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty(deps.config);
  const existing = await listPasskeys(deps.db, auth.user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: auth.user.email,
    userDisplayName: auth.user.name,
    userID: userHandleBytes(auth.user.id),
    timeout: CEREMONY_TTL_MS,
    attestationType: 'none',
    // The same authenticator cannot register twice for one account.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
  });
  await saveChallenge(deps, 'register', auth.session.id, options.challenge);
  return options;
}

/** "Passkey on macOS", "Passkey on your phone", "Security key"; numbered when the name is taken. */
function defaultName(response: RegistrationResponseJSON, userAgent: string | null, taken: string[]): string {
  const attachment = response.authenticatorAttachment;
  const transports: string[] = response.response.transports ?? [];
  const onThisDevice = attachment === 'platform' || (attachment === undefined && transports.includes('internal'));
  // Cross-device ("hybrid"): a phone's passkey, used by scanning a QR code.
  const onPhone = !onThisDevice && transports.includes('hybrid');
  const securityKey = !onThisDevice && !onPhone && (attachment === 'cross-platform' || transports.some((t) => ['usb', 'nfc', 'ble'].includes(t)));
  const os = describeDevice(userAgent).os;
  const base = onThisDevice && os ? `Passkey on ${os}` : onPhone ? 'Passkey on your phone' : securityKey ? 'Security key' : 'Passkey';
  let name = base;
  for (let n = 2; taken.includes(name); n += 1) name = `${base} (${n})`;
  return name;
}

/** Verifies the authenticator's answer and stores the passkey; answers it and any new recovery codes. */
export async function addPasskey(
  deps: Deps,
  auth: { user: AuthUser; session: AuthSession },
  input: { name?: string | undefined; response: RegistrationResponseJSON },
  context: RequestContext,
): Promise<{ passkey: PasskeyView; recoveryCodes: string[] }> {
  const { user } = auth;
  const challenge = await takeChallenge(deps, 'register', auth.session.id);
  const rp = relyingParty(deps.config);
  let verification;
  try {
    verification = challenge
      ? await verifyRegistrationResponse({
          response: input.response,
          expectedChallenge: challenge,
          expectedOrigin: rp.origins,
          expectedRPID: rp.id,
          requireUserVerification: false,
        })
      : undefined;
  } catch (error) {
    deps.log.debug({ err: error }, 'passkey registration refused');
  }
  if (!verification?.verified) throw new AppError('invalid_passkey', { status: 400 });
  const info = verification.registrationInfo;
  const existing = await listPasskeys(deps.db, user.id);
  const name = input.name ?? defaultName(input.response, context.userAgent, existing.map((p) => p.name));
  const added = await deps.db.transaction(async (tx) => {
    const row = await insertPasskey(tx, {
      id: generateId(),
      userId: user.id,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name,
      createdAt: deps.clock.now(),
    });
    if (!row) throw new AppError('already_enabled');
    // The first second factor comes with a way back in should the device be lost.
    const recoveryCodes = await recoveryCodesForNewFactor(deps, tx, user.id);
    await recordAuditEvent(deps, tx, context, {
      event: 'passkey_added',
      userId: user.id,
      details: { passkeyId: row.id, name, deviceType: row.deviceType, backedUp: row.backedUp, aaguid: info.aaguid },
    });
    await sendSecurityAlert(deps, tx, user, 'passkey_added', name);
    return { passkey: toPasskeyView(row), recoveryCodes };
  });
  return added;
}

export async function listUserPasskeys(deps: Deps, userId: string): Promise<PasskeyView[]> {
  return (await listPasskeys(deps.db, userId)).map(toPasskeyView);
}

/** Renames one of the user's own passkeys; another user's id is not_found. */
export async function renameUserPasskey(deps: Deps, user: AuthUser, id: string, name: string, context: RequestContext): Promise<PasskeyView> {
  const row = await renamePasskey(deps.db, user.id, id, name);
  if (!row) throw new AppError('not_found');
  await recordAuditEvent(deps, deps.db, context, { event: 'passkey_renamed', userId: user.id, details: { passkeyId: id, name } });
  return toPasskeyView(row);
}

/**
 * Keeps a passkey that was held after a reported sign-in: the owner, signed in again with the
 * new password and a second step, says it is theirs, and it signs in alone again. Another
 * user's id, or a passkey not on hold, is not_found.
 */
export async function keepUserPasskey(deps: Deps, user: AuthUser, id: string, context: RequestContext): Promise<PasskeyView> {
  const row = await releaseHeldPasskey(deps.db, user.id, id);
  if (!row) throw new AppError('not_found');
  await recordAuditEvent(deps, deps.db, context, { event: 'passkey_kept', userId: user.id, details: { passkeyId: id, name: row.name } });
  return toPasskeyView(row);
}

/** Removes one of the user's own passkeys; another user's id is not_found. */
export async function removeUserPasskey(deps: Deps, user: AuthUser, id: string, context: RequestContext): Promise<void> {
  const row = await deletePasskey(deps.db, user.id, id);
  if (!row) throw new AppError('not_found');
  await dropUnbackedRecoveryCodes(deps, user.id);
  await recordAuditEvent(deps, deps.db, context, {
    event: 'passkey_removed',
    userId: user.id,
    details: { passkeyId: id, name: row.name },
  });
  await sendSecurityAlert(deps, deps.db, user, 'second_factor_removed', `The passkey "${row.name}"`);
}
