/** Mail sent by the accounts module. Links carry single-use secrets: never log them. */
import type { Config } from '../../config.js';
import { composeMail } from '../../platform/mail-layout.js';
import type { MailMessage } from '../../platform/mail.js';

/** An absolute link to a page of the web app, with the link's single-use secret when given. */
export function mailLink(config: Config, path: string, token?: string): string {
  const url = new URL(path, config.publicUrl);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

export function verificationMail(config: Config, to: string, name: string, token: string): MailMessage {
  return composeMail({
    to,
    subject: 'Confirm your email for Workgate',
    paragraphs: [`Hi ${name},`, 'Confirm your email address to finish creating your Workgate account. The link works once, for 24 hours.'],
    action: { label: 'Confirm email address', url: mailLink(config, '/verify-email', token) },
    footer: 'If you did not sign up for Workgate, ignore this mail; no account is created without the confirmation.',
  });
}

export function signupAttemptMail(config: Config, to: string, name: string): MailMessage {
  return composeMail({
    to,
    subject: 'Someone tried to sign up with your email',
    paragraphs: [
      `Hi ${name},`,
      'Someone tried to create a new Workgate account with this email address, which already has an account.',
      'If it was you, sign in instead. If you forgot your password, reset it. If it was not you, nothing changed and you can ignore this mail.',
    ],
    action: { label: 'Sign in', url: mailLink(config, '/login') },
    links: [{ label: 'Reset your password', url: mailLink(config, '/forgot-password') }],
  });
}

export function passwordResetMail(config: Config, to: string, name: string, token: string): MailMessage {
  return composeMail({
    to,
    subject: 'Reset your Workgate password',
    paragraphs: [`Hi ${name},`, 'Use this link to choose a new password. It works once, for one hour.'],
    action: { label: 'Choose a new password', url: mailLink(config, '/reset-password', token) },
    footer: 'If you did not ask for this, ignore this mail: your password stays as it is.',
  });
}

export function emailChangeConfirmMail(config: Config, to: string, name: string, token: string): MailMessage {
  return composeMail({
    to,
    subject: 'Confirm your new email address for Workgate',
    paragraphs: [
      `Hi ${name},`,
      'You asked to use this address for your Workgate account. Confirm it to make the change; until then your current address stays. The link works once, for 24 hours.',
    ],
    action: { label: 'Confirm new email address', url: mailLink(config, '/confirm-email-change', token) },
    footer: 'If you did not ask for this, ignore this mail: nothing changes without the confirmation.',
  });
}

export function passwordChangedMail(config: Config, to: string, name: string, when: Date): MailMessage {
  return composeMail({
    to,
    subject: 'Your Workgate password was changed',
    paragraphs: [
      `Hi ${name},`,
      `The password of your Workgate account was changed on ${when.toUTCString()}.`,
      'If this was not you, reset your password now and review your active sessions.',
    ],
    action: { label: 'Reset password', url: mailLink(config, '/forgot-password') },
  });
}
