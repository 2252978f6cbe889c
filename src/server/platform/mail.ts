/**
 * Outgoing mail. SMTP through nodemailer when SMTP_URL is set; otherwise a dev outbox
 * that keeps recent mail in memory for the /dev/mail viewer.
 *
 * Mail is queued, not sent by the request (delivery-queue.ts): an answer that must not
 * reveal whether an account exists ("202 always") would otherwise take longer when a mail goes
 * out. Given the job queue, a queued mail is a stored job: sent after a crash, retried with
 * backoff for about eight hours when the mail server refuses it, deleted once sent.
 * Log lines name the recipient and subject only; bodies carry single-use secrets.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import { createMessageQueue, createOutbox, type EnqueueOptions, type Queueing } from './delivery-queue.js';
import type { QueueOptions } from './jobs/index.js';

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
  /**
   * Queues a mail; resolves once it is queued (stored, or part of `options.tx`). Await it
   * before answering: an answer then promises the mail. A failed send is logged and retried,
   * never thrown at the caller.
   */
  enqueue(message: MailMessage, options?: EnqueueOptions): Promise<void>;
  /** Resolves when every queued mail has been delivered or has failed (and waits for its retry). */
  drain(): Promise<void>;
  /** Mail kept by the dev outbox, newest first; empty with SMTP. */
  outbox(): readonly SentMail[];
  close(): Promise<void>;
}

/** A mail server may refuse for hours (greylisting, outages): 12 retries from 5 s doubling, about 8 hours. */
const MAIL_QUEUE_OPTIONS: QueueOptions = {
  retryLimit: 12,
  retryDelaySeconds: 5,
  retryBackoff: true,
  // A run still going after this is presumed lost (its instance died) and goes back to the queue.
  expireInSeconds: 60,
  batchSize: 5,
  deleteOnSuccess: true,
};

/** SMTP timeouts, kept below the job's expiry so a slow server fails the attempt rather than doubling it. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

interface Transport {
  deliver(message: MailMessage & { from: string }): Promise<void>;
  close(): void;
}

function createMailer(
  from: string,
  transport: Transport,
  log: FastifyBaseLogger,
  kept: readonly SentMail[],
  queueing: Queueing | undefined,
): Mailer {
  const queue = createMessageQueue(queueing, MAIL_QUEUE_OPTIONS, (message: MailMessage) => transport.deliver({ from, ...message }), log, {
    kind: 'mail',
    describe: (message) => ({ to: message.to, subject: message.subject }),
  });
  return {
    enqueue: queue.enqueue,
    drain: queue.drain,
    outbox: () => kept,
    async close() {
      await queue.settle();
      transport.close();
    },
  };
}

/** Development form: keeps mail in memory for /dev/mail and /dev/mail.json. */
export function createOutboxMailer(from: string, clock: Clock, log: FastifyBaseLogger, queueing?: Queueing): Mailer {
  const outbox = createOutbox<MailMessage & { from: string }>(clock);
  const transport: Transport = { deliver: outbox.keep, close() {} };
  return createMailer(from, transport, log.child({ mailer: 'dev-outbox (see /dev/mail)' }), outbox.kept, queueing);
}

/** Production form: SMTP through nodemailer. */
export function createSmtpMailer(url: string, from: string, log: FastifyBaseLogger, queueing?: Queueing): Mailer {
  const smtp = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  const transport: Transport = {
    async deliver(message) {
      await smtp.sendMail(message);
    },
    close: () => smtp.close(),
  };
  return createMailer(from, transport, log.child({ mailer: 'smtp' }), [], queueing);
}
