/**
 * Outgoing mail. SMTP through nodemailer when SMTP_URL is set; otherwise a dev outbox
 * that keeps recent mail in memory for the /dev/mail viewer.
 *
 * Mail is queued, not awaited by the request: an answer that must not reveal whether an
 * account exists ("202 always") would otherwise take longer when a mail goes out.
 * Log lines name the recipient and subject only; bodies carry single-use secrets.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';

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

const OUTBOX_LIMIT = 500;

function createMailer(from: string, transport: Transport, log: FastifyBaseLogger, kept: SentMail[]): Mailer {
  const pending = new Set<Promise<void>>();
  return {
    enqueue(message) {
      const delivery = transport
        .deliver({ from, ...message })
        .then(() => log.info({ mail: { to: message.to, subject: message.subject } }, 'mail sent'))
        .catch((err: Error) =>
          log.error({ mail: { to: message.to, subject: message.subject }, err: { message: err.message } }, 'mail failed'),
        )
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    outbox: () => kept,
    async close() {
      await this.drain();
      transport.close();
    },
  };
}

/** Development form: keeps mail in memory for /dev/mail and /dev/mail.json. */
export function createOutboxMailer(from: string, clock: Clock, log: FastifyBaseLogger): Mailer {
  const kept: SentMail[] = [];
  let nextId = 1;
  const transport: Transport = {
    async deliver(message) {
      kept.unshift({ ...message, id: nextId++, sentAt: clock.now().toISOString() });
      kept.length = Math.min(kept.length, OUTBOX_LIMIT);
    },
    close() {},
  };
  return createMailer(from, transport, log.child({ mailer: 'dev-outbox (see /dev/mail)' }), kept);
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
