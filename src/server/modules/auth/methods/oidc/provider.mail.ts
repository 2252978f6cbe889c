/** Mail about connected provider accounts. Links carry single-use secrets: never log them. */
import type { Config } from '../../../../config.js';
import { composeMail } from '../../../../platform/mail-layout.js';
import type { MailMessage } from '../../../../platform/mail.js';
import { mailLink } from '../../../accounts/accounts.mail.js';

/** The owner proves the mailbox to connect a provider account that has the same address. */
export function providerLinkMail(config: Config, to: string, name: string, provider: string, token: string): MailMessage {
  return composeMail({
    to,
    subject: `Connect ${provider} to your Workgate account`,
    paragraphs: [
      `Hi ${name},`,
      `Someone, probably you, tried to sign in to Workgate with ${provider} using this address. Confirm to connect that ${provider} account to your Workgate account; afterwards "Continue with ${provider}" signs you in. The link works once, for one hour.`,
    ],
    action: { label: `Connect ${provider}`, url: mailLink(config, '/connect-provider', token) },
    footer: `If it was not you, ignore this mail: nothing is connected without the confirmation.`,
  });
}

/** Told after every connection: a provider account that signs in is as strong as a password. */
export function providerConnectedMail(config: Config, to: string, name: string, provider: string): MailMessage {
  return composeMail({
    to,
    subject: `${provider} was connected to your Workgate account`,
    paragraphs: [
      `Hi ${name},`,
      `A ${provider} account was connected to your Workgate account and can now be used to sign in.`,
      'If this was not you, disconnect it in your security settings and change your password.',
    ],
    action: { label: 'Review security settings', url: mailLink(config, '/settings/security') },
  });
}
