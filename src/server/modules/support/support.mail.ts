/**
 * Mail sent by support. The confirmation never repeats the person's message: anyone can
 * type any address, and echoing their text would let strangers send our mail with their
 * words in it. Admin replies are shown as typed; composeMail escapes them in HTML.
 */
import type { Config } from '../../config.js';
import { composeMail } from '../../platform/mail-layout.js';
import type { MailMessage } from '../../platform/mail.js';

const FOOTER = 'You received this because someone contacted Workgate support with this email address.';

function ticketsLink(config: Config): string {
  return new URL('/support/tickets', config.publicUrl).toString();
}

export function ticketOpenedMail(config: Config, to: string, ticketNumber: number): MailMessage {
  return composeMail({
    to,
    subject: `Workgate support: ticket #${ticketNumber} received`,
    paragraphs: [
      'Hello,',
      `We received your message. Your ticket number is #${ticketNumber}; quote it if you write to us again.`,
      'We will answer by mail to this address. If you can sign in, you can also follow the ticket in your account.',
    ],
    links: [{ label: 'Your support tickets', url: ticketsLink(config) }],
    footer: `${FOOTER} If it was not you, ignore this mail.`,
  });
}

export function ticketAnsweredMail(config: Config, to: string, ticketNumber: number, reply: string): MailMessage {
  return composeMail({
    to,
    subject: `Workgate support: reply to ticket #${ticketNumber}`,
    paragraphs: ['Hello,', `Workgate support answered your ticket #${ticketNumber}:`, ...reply.split(/\r?\n\s*\r?\n/)],
    links: [{ label: 'Your support tickets', url: ticketsLink(config) }],
    footer: FOOTER,
  });
}
