/**
 * Outgoing text messages (SMS). An HTTP provider when SMS_PROVIDER_URL is set: each message
 * is POSTed as JSON `{to, body}` with `Authorization: Bearer SMS_API_KEY`; otherwise a dev
 * outbox that keeps recent messages in memory for the /dev/sms viewer.
 *
 * Like mail, messages are queued, not sent by the request, and a failure is logged, never
 * thrown at the caller (delivery-queue.ts); given the job queue, a queued message is a stored
 * job. Codes expire within minutes, so a refused message is retried only for about a minute.
 * Log lines name the recipient only: bodies carry one-time codes.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import { createMessageQueue, createOutbox, type EnqueueOptions, type Queueing } from './delivery-queue.js';
import type { QueueOptions } from './jobs/index.js';

export interface SmsMessage {
  /** The recipient in E.164, e.g. +447400123456. */
  to: string;
  body: string;
}

export interface SentSms extends SmsMessage {
  id: number;
  sentAt: string;
}

export interface SmsSender {
  /** Queues a message; resolves once queued (stored, or part of `options.tx`). A failed send is logged, never thrown here. */
  enqueue(message: SmsMessage, options?: EnqueueOptions): Promise<void>;
  /** Resolves when every queued message has been delivered or has failed (and waits for its retry). */
  drain(): Promise<void>;
  /** Messages kept by the dev outbox, newest first; empty with a provider. */
  outbox(): readonly SentSms[];
  close(): Promise<void>;
}

type Deliver = (message: SmsMessage) => Promise<void>;

/** A provider that does not answer within this time is treated as a failed delivery. */
const PROVIDER_TIMEOUT_MS = 10_000;

/** Three retries from 5 s doubling (about a minute): a code that arrives later has expired or been asked again. */
const SMS_QUEUE_OPTIONS: QueueOptions = {
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 60,
  batchSize: 5,
  deleteOnSuccess: true,
};

function createSmsSender(deliver: Deliver, log: FastifyBaseLogger, kept: readonly SentSms[], queueing: Queueing | undefined): SmsSender {
  const queue = createMessageQueue(queueing, SMS_QUEUE_OPTIONS, deliver, log, { kind: 'sms', describe: (message) => ({ to: message.to }) });
  return { enqueue: queue.enqueue, drain: queue.drain, outbox: () => kept, close: queue.settle };
}

/** Development form: keeps messages in memory for /dev/sms and /dev/sms.json. */
export function createOutboxSmsSender(clock: Clock, log: FastifyBaseLogger, queueing?: Queueing): SmsSender {
  const outbox = createOutbox<SmsMessage>(clock);
  return createSmsSender(outbox.keep, log.child({ smsSender: 'dev-outbox (see /dev/sms)' }), outbox.kept, queueing);
}

/** Production form: one JSON POST per message to the provider's endpoint. */
export function createHttpSmsSender(url: URL, apiKey: string, log: FastifyBaseLogger, queueing?: Queueing): SmsSender {
  const deliver: Deliver = async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ to: message.to, body: message.body }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    // The provider's answer body is not logged: some echo the message text back.
    await response.body?.cancel();
    if (!response.ok) throw new Error(`provider answered ${response.status}`);
  };
  return createSmsSender(deliver, log.child({ smsSender: `http (${url.host})` }), [], queueing);
}
