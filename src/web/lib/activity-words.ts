/**
 * Security events in words for their owner: "Logged in with password and authenticator app",
 * "Failed login: wrong password". The server sends the audit event and a few plain facts
 * (method, reason, device, …); anything unknown still reads as a sentence.
 */
import type { ActivityEvent } from '../api/account-api';

type Summary = ActivityEvent['summary'];

const METHODS: Record<string, string> = {
  password: 'password',
  totp: 'authenticator app',
  recovery_code: 'recovery code',
  email_code: 'email code',
  sms_code: 'SMS code',
  passkey: 'passkey',
  email_link: 'email link',
};

/**
 * "password and authenticator app" for "password+totp". A sign-in provider is named by
 * `provider`, the label the server gives beside its id ("Google" for "google+totp").
 */
export function methodWords(value: unknown, provider?: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const label = typeof provider === 'string' && provider !== '' ? provider : null;
  return value
    .split('+')
    .map((part) => METHODS[part] ?? label ?? part.replace(/_/g, ' '))
    .join(' and ');
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '');
const withMethod = (summary: Summary, prefix: string) => {
  const words = methodWords(summary.method, summary.provider);
  return words ? `${prefix} with ${words}` : prefix;
};

const FAILURES: Record<string, (summary: Summary) => string> = {
  wrong_password: () => 'Failed login: wrong password',
  wrong_second_factor: (s) => `Failed login: wrong ${methodWords(s.method) || 'second step'}`,
  wrong_reauthentication: () => 'Wrong password or code when confirming it was you',
  locked: () => 'Login refused while sign-in from new devices was paused',
  second_step_locked: () => 'Code refused while codes were paused after wrong answers',
  email_unverified: () => 'Login refused: email address not confirmed yet',
};

const SESSION_ENDINGS: Record<string, string> = {
  session_limit: 'A device was signed out: the most devices an account can have were signed in, and it was unused the longest',
  replaced_by_sign_in: 'Signed out by a new sign-in in the same browser',
};

const TITLES: Record<string, (summary: Summary) => string> = {
  signup: () => 'Account created',
  email_verified: () => 'Email address confirmed',
  login_succeeded: (s) => withMethod(s, 'Logged in'),
  token_issued: (s) => withMethod(s, 'Signed in to the Workgate app'),
  login_failed: (s) => FAILURES[text(s.reason)]?.(s) ?? (text(s.provider) ? `Failed sign-in with ${text(s.provider)}` : 'Failed login attempt'),
  logout: () => 'Logged out',
  password_reset_requested: () => 'Password reset link requested',
  password_reset: () => 'Password reset with an email link',
  password_changed: () => 'Password changed',
  session_revoked: (s) => SESSION_ENDINGS[text(s.reason)] ?? 'A device was signed out',
  sessions_revoked_all: (s) => (s.includeCurrent ? 'Signed out everywhere' : 'Signed out of all other devices'),
  reauthenticated: (s) => withMethod(s, 'Confirmed it was you'),
  mfa_enabled: (s) => `Two-step verification added: ${methodWords(s.method) || 'a method'}`,
  mfa_disabled: (s) => `Two-step verification removed: ${methodWords(s.method) || 'a method'}`,
  phone_verification_sent: (s) => `Confirmation code texted to a number ending ${text(s.phoneEnding) || '…'}`,
  phone_verified: (s) => `Phone number ending ${text(s.phoneEnding) || '…'} confirmed`,
  recovery_codes_generated: () => 'New recovery codes created',
  passkey_added: (s) => `Passkey added${text(s.name) ? `: ${text(s.name)}` : ''}`,
  passkey_renamed: (s) => `Passkey renamed${text(s.name) ? ` to ${text(s.name)}` : ''}`,
  passkey_kept: (s) => `Passkey kept after review${text(s.name) ? `: ${text(s.name)}` : ''}`,
  passkey_removed: (s) => `Passkey removed${text(s.name) ? `: ${text(s.name)}` : ''}`,
  identity_linked: (s) => `${text(s.provider) || 'A sign-in provider'} connected`,
  identity_link_mailed: (s) => `Link to connect ${text(s.provider) || 'a sign-in provider'} emailed`,
  identity_kept: (s) => `${text(s.provider) || 'A sign-in provider'} kept after review`,
  identity_unlinked: (s) => `${text(s.provider) || 'A sign-in provider'} disconnected`,
  account_locked: () => 'Sign-in from new devices paused after wrong passwords',
  account_unlocked: () => 'Sign-in unlocked',
  second_step_locked: (s) => `Codes paused after ${typeof s.wrongAnswers === 'number' ? s.wrongAnswers : 'several'} wrong answers in a row`,
  new_device_signed_in: (s) => `Sign-in from a new device${text(s.device) ? `: ${text(s.device)}` : ''}`,
  not_me_reported: () => '“This wasn’t me” reported: every device signed out',
  email_change_requested: (s) => `Email change requested${text(s.to) ? ` to ${text(s.to)}` : ''}`,
  email_changed: (s) => `Email address changed${text(s.to) ? ` to ${text(s.to)}` : ''}`,
  email_change_undone: () => 'Email change undone',
};

/** Events a person should look at twice. */
const WARNINGS = new Set(['login_failed', 'account_locked', 'second_step_locked', 'not_me_reported', 'new_device_signed_in', 'email_change_undone']);

/** The event as a sentence, and whether it deserves attention. */
export function describeActivity(event: Pick<ActivityEvent, 'event' | 'summary'>): { title: string; warning: boolean } {
  const title = TITLES[event.event]?.(event.summary) ?? capitalize(event.event.replace(/_/g, ' '));
  return { title, warning: WARNINGS.has(event.event) };
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
