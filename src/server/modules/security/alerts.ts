/**
 * Security alerts by mail: the owner hears of every change that could lock them out or let
 * someone else in, with a way to act if it was not them.
 *
 * Raising an alert publishes a `security.alert_raised` domain event in the transaction of
 * the change (platform/outbox), so the change and its alert commit together; the subscriber
 * below turns the event into a queued mail. Other modules (in-app notifications) may
 * subscribe to the same event.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { composeMail } from '../../platform/mail-layout.js';
import { publish, type EventBus } from '../../platform/outbox/index.js';
import { mailLink } from '../accounts/accounts.mail.js';
import type { UserRow } from '../accounts/accounts.queries.js';

export const SECURITY_ALERT_RAISED = 'security.alert_raised';

export type AlertKind =
  | 'second_factor_added'
  | 'second_factor_removed'
  | 'recovery_codes_generated'
  | 'passkey_added'
  | 'phone_verified'
  | 'new_device_sign_in'
  | 'account_locked'
  | 'second_step_locked'
  | 'email_changed';

const DEFAULT_ADVICE = 'If this was you, there is nothing to do. If it was not, reset your password now: it signs out every device.';

const TEXT: Record<AlertKind, { subject: string; body: (detail: string) => string; advice?: string }> = {
  second_factor_added: {
    subject: 'Two-step verification was turned on',
    body: (detail) => `${detail} was added as a second step for signing in to your Workgate account.`,
  },
  second_factor_removed: {
    subject: 'A second sign-in step was removed',
    body: (detail) => `${detail} was removed from the second step of signing in to your Workgate account.`,
  },
  recovery_codes_generated: {
    subject: 'New recovery codes were created',
    body: () => 'A new set of recovery codes was created for your Workgate account. The previous codes no longer work.',
  },
  passkey_added: {
    subject: 'A passkey was added to your account',
    body: (detail) => `The passkey "${detail}" can now sign in to your Workgate account.`,
  },
  phone_verified: {
    subject: 'A phone number was confirmed on your account',
    body: (detail) => `The phone number ending in ${detail} was confirmed for your Workgate account.`,
  },
  new_device_sign_in: {
    subject: 'New sign-in to your Workgate account',
    body: (detail) => `Your Workgate account was signed in to from a new device: ${detail}.`,
    advice:
      'If this was you, there is nothing to do. If it was not, use "This wasn\'t me" below: it signs out every device and sends you a link to choose a new password.',
  },
  account_locked: {
    subject: 'Sign-in to your Workgate account was paused',
    body: (detail) => detail,
    advice:
      'If it was you, use the unlock link below (it works once) or reset your password. If it was not, your password was not accepted; choosing a new, unique one keeps it that way.',
  },
  second_step_locked: {
    subject: 'Codes for signing in to your Workgate account were paused',
    body: (detail) => detail,
    advice:
      'If it was not you, someone knows your password: reset it now with the link below (it signs out every device). If it was you, wait for the pause to end or use a passkey or a recovery code.',
  },
  email_changed: {
    subject: 'The email address of your Workgate account was changed',
    body: (detail) => `The email address of your Workgate account was changed to ${detail}. Mail about the account now goes there.`,
    advice:
      'If this was you, there is nothing to do. If it was not, undo the change with the link below within 7 days: it restores this address, signs out every device and sends you a link to choose a new password.',
  },
};

interface AlertLink {
  label: string;
  url: string;
}

/** The payload of `security.alert_raised`: everything the mail needs, as of when it was raised. */
export interface SecurityAlertRaised {
  kind: AlertKind;
  detail: string;
  /** The address the alert goes to (after an address change, the old one). */
  to: string;
  name: string;
  /** When it happened (ISO 8601), as the instance that raised it saw it. */
  at: string;
  action?: AlertLink;
  links?: AlertLink[];
}

/**
 * Raises an alert to the account's address: published in `db`, which is the transaction of
 * the change where there is one. `options` replaces the default links (e.g. an unlock or undo link).
 */
export async function sendSecurityAlert(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  kind: AlertKind,
  detail = '',
  options: { action?: AlertLink; links?: AlertLink[] } = {},
): Promise<void> {
  await publish<SecurityAlertRaised>(db, {
    type: SECURITY_ALERT_RAISED,
    aggregateId: user.id,
    payload: { kind, detail, to: user.email, name: user.name, at: deps.clock.now().toISOString(), ...options },
  });
}

/** The alert mail of a raised alert. */
function alertMail(config: Config, alert: SecurityAlertRaised) {
  const text = TEXT[alert.kind];
  return composeMail({
    to: alert.to,
    subject: text.subject,
    paragraphs: [
      `Hi ${alert.name},`,
      `${text.body(alert.detail)} (${new Date(alert.at).toUTCString()})`,
      text.advice ?? DEFAULT_ADVICE,
    ],
    action: alert.action ?? { label: 'Review your security settings', url: mailLink(config, '/settings/security') },
    links: alert.links ?? [{ label: 'Reset your password', url: mailLink(config, '/forgot-password') }],
  });
}

/** Mails every raised alert: the mail is queued in the dispatcher's transaction, so once per alert. */
export function subscribeSecurityAlertMails(deps: Pick<Deps, 'config' | 'mailer'> & { events: EventBus }): void {
  deps.events.subscribe<SecurityAlertRaised>(SECURITY_ALERT_RAISED, 'security.alert-mail', async (event, tx) => {
    await deps.mailer.enqueue(alertMail(deps.config, event.payload), { tx });
  });
}
