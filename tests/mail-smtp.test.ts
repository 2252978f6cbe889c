/**
 * The SMTP path: with SMTP_URL set, mail goes through nodemailer to a real SMTP server
 * (an smtp-server sink on loopback here), with a text and an HTML part.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, type TestApp } from './helpers/test-app.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let sink: SMTPServer;
let t: TestApp;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const { port } = sink.server.address() as AddressInfo;
  t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Workgate <hello@workgate.test>' } });
});

afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

/** Undoes quoted-printable soft line breaks and escapes, enough to read links. */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

it('delivers the verification mail over SMTP with a text part, an HTML part and a working link', async () => {
  const signup = await t.request('POST', '/api/v1/auth/signup', {
    body: { email: 'smtp.person@example.com', password: STRONG_PASSWORD, name: 'Smtp <b>Person</b>', role: 'client' },
  });
  expect(signup.statusCode).toBe(202);
  await t.platform.mailer.drain();

  expect(received).toHaveLength(1);
  const mail = received[0]!;
  expect(mail.from).toBe('hello@workgate.test');
  expect(mail.to).toEqual(['smtp.person@example.com']);
  expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
  expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
  expect(mail.raw).toMatch(/Content-Type: text\/html/i);
  const body = decodeQuotedPrintable(mail.raw);
  // The name is escaped in HTML, never interpreted.
  expect(body).toContain('Smtp &lt;b&gt;Person&lt;/b&gt;');
  const token = /verify-email\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
  expect(token).toBeDefined();
  // Nothing is kept in the dev outbox when SMTP is configured.
  expect(t.platform.mailer.outbox()).toHaveLength(0);

  const verify = await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
  expect(verify.statusCode).toBe(200);
});

it('a mail server that is down does not turn sign-up into an error', async () => {
  const down = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
  try {
    const signup = await down.request('POST', '/api/v1/auth/signup', {
      body: { email: 'nobody.listens@example.com', password: STRONG_PASSWORD, name: 'N', role: 'client' },
    });
    expect(signup.statusCode).toBe(202);
    await down.platform.mailer.drain();
    // The account exists; the person can ask for the link again once mail works.
    const resend = await down.request('POST', '/api/v1/auth/email/resend', { body: { email: 'nobody.listens@example.com' } });
    expect(resend.statusCode).toBe(202);
  } finally {
    await down.close();
  }
});
