/**
 * "New sign-in to your account" mail and its "this wasn't me" link.
 * A sign-in from a device that is neither known by its token nor familiar (same IP and
 * User-Agent as a known device) is audited and mailed to the owner with the device, the IP
 * and the time. The mail carries a single-use link, valid 7 days and stored hashed like every
 * mail link; a later alert leaves earlier links working, and using one uses up all. Using it
 * throws the intruder out and keeps them out (see reportNotMe).
 */
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { mailLink } from '../accounts/accounts.mail.js';
import { findUserById, lockUser, updateUser, type UserRow } from '../accounts/accounts.queries.js';
import { takeAddress } from '../accounts/email-change.js';
import { consumeUserTokenWithPayload, issueUserToken, voidUserTokens } from '../accounts/user-tokens.js';
import { requestPasswordReset } from '../auth/flows/recovery.js';
import { holdIdentitiesLinkedSince } from '../auth/methods/oidc/identities.queries.js';
import { holdSecondFactorsSetUpSince } from '../auth/methods/registry.js';
import { describeDevice, type Device } from '../sessions/device.js';
import { revokeUserSessions } from '../sessions/sessions.service.js';
import { sendSecurityAlert } from './alerts.js';
import { recordAuditEvent } from './audit.service.js';
import { forgetDevices } from './known-devices.service.js';

const CLOCK_SKEW_MARGIN_MS = 60_000;

/** "Chrome on macOS", as people name their devices. */
export function deviceLabel(device: Device): string {
  if (device.browser && device.os) return `${device.browser} on ${device.os}`;
  return device.browser ?? device.os ?? 'an unrecognized browser or app';
}

/** Audits a sign-in from a new device and mails the owner, with a "this wasn't me" link. */
export async function alertNewDeviceSignIn(
  deps: Deps,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  input: { deviceId: string; client: 'browser' | 'app' },
  context: RequestContext,
): Promise<void> {
  const device = deviceLabel(describeDevice(context.userAgent));
  await deps.db.transaction(async (tx) => {
    await recordAuditEvent(deps, tx, context, {
      event: 'new_device_signed_in',
      userId: user.id,
      details: { device, client: input.client },
    });
    // The address the alert goes to is the owner's: a report puts it back if it changed since.
    const token = await issueUserToken(deps, tx, user.id, 'not_me', { keepEarlier: true, payload: { deviceId: input.deviceId, email: user.email } });
    await sendSecurityAlert(deps, tx, user, 'new_device_sign_in', `${device}, from IP address ${context.ip}`, {
      action: { label: "This wasn't me", url: mailLink(deps.config, '/not-me', token) },
      links: [{ label: 'Review your security settings', url: mailLink(deps.config, '/settings/security') }],
    });
  });
}

/**
 * Uses a "this wasn't me" link. Whoever signed in knows the password and may have left a way
 * back in, so: every session ends, every device is forgotten, the password stops working
 * until the owner chooses a new one through the mailed link (which also stops passkey and
 * provider sign-ins meanwhile, as an administrator's forced reset does), and what was set up
 * since the reported sign-in is held for the owner's review: passkeys and connected providers
 * added since no longer sign in alone until the owner keeps them.
 * The link proves only the mailbox, so the report must never lower the factors the account
 * needs (ASVS 6.4.3): nothing is removed, and second-step methods added since (perhaps by the
 * owner) stay required after the reset. "Since" is the oldest alert still unused (each alert
 * is made by its sign-in), so reporting a later sign-in of the same intruder misses nothing.
 * The address the alert went to comes back if it was changed since, links mailed meanwhile
 * (address change, reset, provider link) stop working, and the reset link goes to that address.
 */
export async function reportNotMe(deps: Deps, token: string, context: RequestContext): Promise<void> {
  const reported = await deps.db.transaction(async (tx) => {
    const { userId: id, payload, issuedAt } = await consumeUserTokenWithPayload(deps, tx, token, 'not_me');
    const current = await lockUser(tx, id);
    const earlierAlert = await voidUserTokens(deps, tx, id, 'not_me');
    const oldestAlert = earlierAlert && earlierAlert < issuedAt ? earlierAlert : issuedAt;
    // Instances stamp times with their own clocks; a minute's margin covers their skew.
    const since = new Date(oldestAlert.getTime() - CLOCK_SKEW_MARGIN_MS);
    for (const purpose of ['email_change', 'password_reset', 'provider_link'] as const) await voidUserTokens(deps, tx, id, purpose);
    const changed = payload.email && current && current.email !== payload.email ? payload.email : undefined;
    const addressRestored = changed ? await restoreAddress(deps, tx, id, changed) : false;
    const ended = await revokeUserSessions(deps, tx, id);
    await forgetDevices(tx, id);
    await updateUser(tx, id, { mustResetPassword: true });
    const now = deps.clock.now();
    const heldMethods = await holdSecondFactorsSetUpSince(tx, id, since, now);
    const heldProviders = await holdIdentitiesLinkedSince(tx, id, since, now);
    await recordAuditEvent(deps, tx, context, {
      event: 'not_me_reported',
      userId: id,
      details: { sessionsEnded: ended, reportedDeviceId: payload.deviceId ?? null, heldMethods, heldProviders, addressRestored },
    });
    // An address that could not come back is the intruder's: the reset link must not go there.
    return { id, mayMail: !changed || addressRestored };
  });
  const user = await findUserById(deps.db, reported.id);
  // Uncapped: the intruder may have spent the hour's reset mails to keep this one away.
  if (user && reported.mayMail) await requestPasswordReset(deps, user.email, context, { uncapped: true });
}

/**
 * Gives the account its earlier address back, in a savepoint: when someone has confirmed an
 * account with that address since, the report goes on without it (the forced reset stands,
 * and the owner reaches support) instead of failing as a whole.
 */
async function restoreAddress(deps: Deps, tx: Database, userId: string, email: string): Promise<boolean> {
  try {
    await tx.transaction((savepoint) => takeAddress(deps, savepoint as Database, userId, email));
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'email_taken') return false;
    throw error;
  }
}
