/**
 * Outgoing mail. SMTP through nodemailer when SMTP_URL is set; otherwise a dev outbox
 * that keeps recent mail in memory for the /dev/mail viewer.
 *
 * Mail is queued, not awaited by the request (delivery-queue.ts): an answer that must not
 * reveal whether an account exists ("202 always") would otherwise take longer when a mail goes
 * out. Log lines name the recipient and subject only; bodies carry single-use secrets.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import { createDeliveryQueue, createOutbox } from './delivery-queue.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SentMail extends MailMessage {
  id: number;
  from: string;
  sentAt: string;
}

export interface Mailer {
  /** Sends in the background; a failure is logged, never thrown at the caller. */
  enqueue(message: MailMessage): void;
  /** Resolves when every queued mail has been delivered or has failed. */
  drain(): Promise<void>;
  /** Mail kept by the dev outbox, newest first; empty with SMTP. */
  outbox(): readonly SentMail[];
  close(): Promise<void>;
}

interface Transport {
  deliver(message: MailMessage & { from: string }): Promise<void>;
  close(): void;
}

function createMailer(from: string, transport: Transport, log: FastifyBaseLogger, kept: readonly SentMail[]): Mailer {
  const queue = createDeliveryQueue((message: MailMessage) => transport.deliver({ from, ...message }), log, {
    kind: 'mail',
    describe: (message) => ({ to: message.to, subject: message.subject }),
  });
  return {
    enqueue: queue.enqueue,
    drain: queue.drain,
    outbox: () => kept,
    async close() {
      await queue.drain();
      transport.close();
    },
  };
}

/** Development form: keeps mail in memory for /dev/mail and /dev/mail.json. */
export function createOutboxMailer(from: string, clock: Clock, log: FastifyBaseLogger): Mailer {
  const outbox = createOutbox<MailMessage & { from: string }>(clock);
  const transport: Transport = { deliver: outbox.keep, close() {} };
  return createMailer(from, transport, log.child({ mailer: 'dev-outbox (see /dev/mail)' }), outbox.kept);
}

/** Production form: SMTP through nodemailer. */
export function createSmtpMailer(url: string, from: string, log: FastifyBaseLogger): Mailer {
  const smtp = nodemailer.createTransport(url);
  const transport: Transport = {
    async deliver(message) {
      await smtp.sendMail(message);
    },
    close: () => smtp.close(),
  };
  return createMailer(from, transport, log.child({ mailer: 'smtp' }), []);
}
