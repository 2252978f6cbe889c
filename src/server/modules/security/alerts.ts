/**
 * Security alerts by mail: the owner hears of every change that could lock them out or let
 * someone else in, with a way to act if it was not them.
 */
import type { Deps } from '../../platform/deps.js';
import { composeMail } from '../../platform/mail-layout.js';
import { mailLink } from '../accounts/accounts.mail.js';
import type { UserRow } from '../accounts/accounts.queries.js';

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

/** Queues an alert to the account's address; `options` replaces the default links (e.g. an unlock or undo link). */
export function sendSecurityAlert(
  deps: Deps,
  user: Pick<UserRow, 'email' | 'name'>,
  kind: AlertKind,
  detail = '',
  options: { action?: AlertLink; links?: AlertLink[] } = {},
): void {
  const text = TEXT[kind];
  const when = deps.clock.now().toUTCString();
  deps.mailer.enqueue(
    composeMail({
      to: user.email,
      subject: text.subject,
      paragraphs: [
        `Hi ${user.name},`,
        `${text.body(detail)} (${when})`,
        text.advice ?? DEFAULT_ADVICE,
      ],
      action: options.action ?? { label: 'Review your security settings', url: mailLink(deps.config, '/settings/security') },
      links: options.links ?? [{ label: 'Reset your password', url: mailLink(deps.config, '/forgot-password') }],
    }),
  );
}
