/**
 * Security alerts by mail: the owner hears of every change that could lock them out or let
 * someone else in, with a way to act if it was not them.
 */
import type { Deps } from '../../platform/deps.js';
import { composeMail } from '../../platform/mail-layout.js';
import type { UserRow } from '../accounts/accounts.queries.js';

export type AlertKind = 'second_factor_added' | 'second_factor_removed' | 'recovery_codes_generated' | 'passkey_added';

const TEXT: Record<AlertKind, { subject: string; body: (detail: string) => string }> = {
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
};

/** Queues an alert to the account's address. */
export function sendSecurityAlert(deps: Deps, user: Pick<UserRow, 'email' | 'name'>, kind: AlertKind, detail = ''): void {
  const text = TEXT[kind];
  const when = deps.clock.now().toUTCString();
  deps.mailer.enqueue(
    composeMail({
      to: user.email,
      subject: text.subject,
      paragraphs: [
        `Hi ${user.name},`,
        `${text.body(detail)} (${when})`,
        'If this was you, there is nothing to do. If it was not, reset your password now: it signs out every device.',
      ],
      action: { label: 'Review your security settings', url: new URL('/settings/security', deps.config.publicUrl).toString() },
      links: [{ label: 'Reset your password', url: new URL('/forgot-password', deps.config.publicUrl).toString() }],
    }),
  );
}
