/**
 * "New sign-in to your account" mail and its "this wasn't me" link.
 * A sign-in from a device that is neither known by its token nor familiar (same IP and
 * User-Agent as a known device) is audited and mailed to the owner with the device, the IP
 * and the time. The mail carries a single-use link, valid 7 days and stored hashed like every
 * mail link; each alert's link stays valid on its own. Using it throws the intruder out and
 * keeps them out (see reportNotMe).
 */
import type { Deps, RequestContext } from '../../platform/deps.js';
import { mailLink } from '../accounts/accounts.mail.js';
import { findUserById, lockUser, updateUser, type UserRow } from '../accounts/accounts.queries.js';
import { consumeUserTokenWithPayload, issueUserToken } from '../accounts/user-tokens.js';
import { requestPasswordReset } from '../auth/flows/recovery.js';
import { unlinkIdentitiesLinkedSince } from '../auth/methods/oidc/identities.queries.js';
import { removeSecondFactorsSetUpSince } from '../auth/methods/registry.js';
import { describeDevice, type Device } from '../sessions/device.js';
import { revokeUserSessions } from '../sessions/sessions.service.js';
import { sendSecurityAlert } from './alerts.js';
import { recordAuditEvent } from './audit.service.js';
import { forgetDevices } from './known-devices.service.js';

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
  const token = await deps.db.transaction(async (tx) => {
    await recordAuditEvent(deps, tx, context, {
      event: 'new_device_signed_in',
      userId: user.id,
      details: { device, client: input.client },
    });
    return issueUserToken(deps, tx, user.id, 'not_me', { keepEarlier: true, payload: { deviceId: input.deviceId } });
  });
  sendSecurityAlert(deps, user, 'new_device_sign_in', `${device}, from IP address ${context.ip}`, {
    action: { label: "This wasn't me", url: mailLink(deps.config, '/not-me', token) },
    links: [{ label: 'Review your security settings', url: mailLink(deps.config, '/settings/security') }],
  });
}

/**
 * Uses a "this wasn't me" link. Whoever signed in knows the password and may have left a way
 * back in, so: every session ends, every device is forgotten, the password stops working
 * until the owner chooses a new one through the mailed link (which also stops passkey and
 * provider sign-ins meanwhile, as an administrator's forced reset does), and what was set up
 * since the reported sign-in (its alert was sent at that sign-in) is removed: second-step
 * methods, passkeys, a phone number, recovery codes, connected providers.
 */
export async function reportNotMe(deps: Deps, token: string, context: RequestContext): Promise<void> {
  const userId = await deps.db.transaction(async (tx) => {
    const { userId: id, payload, issuedAt } = await consumeUserTokenWithPayload(deps, tx, token, 'not_me');
    await lockUser(tx, id);
    const ended = await revokeUserSessions(deps, tx, id);
    await forgetDevices(tx, id);
    await updateUser(tx, id, { mustResetPassword: true });
    const removedMethods = await removeSecondFactorsSetUpSince(tx, id, issuedAt);
    const disconnectedProviders = await unlinkIdentitiesLinkedSince(tx, id, issuedAt);
    await recordAuditEvent(deps, tx, context, {
      event: 'not_me_reported',
      userId: id,
      details: { sessionsEnded: ended, reportedDeviceId: payload.deviceId ?? null, removedMethods, disconnectedProviders },
    });
    return id;
  });
  const user = await findUserById(deps.db, userId);
  if (user) await requestPasswordReset(deps, user.email, context);
}
