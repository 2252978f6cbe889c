/**
 * The dev SMS outbox viewer, served only outside production (like /dev/mail): /dev/sms for
 * people trying the app locally (read the code sent to a phone) and /dev/sms.json for
 * scripts and tests.
 */
import type { FastifyPluginAsync } from 'fastify';
import { escapeHtml } from '../../platform/mail-layout.js';
import type { SmsSender } from '../../platform/sms.js';

export function devSmsRoutes(sms: SmsSender): FastifyPluginAsync {
  return async (app) => {
    app.get('/dev/sms.json', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      // Messages are sent by the job queue's worker: list what is due as sent, as a reader expects.
      await sms.drain();
      return { sms: sms.outbox() };
    });

    app.get('/dev/sms', { schema: { hide: true } }, async (_request, reply) => {
      await sms.drain();
      const items = sms
        .outbox()
        .map(
          (message) => `<article><p class="meta">To ${escapeHtml(message.to)} · ${escapeHtml(message.sentAt)}</p>
<pre>${escapeHtml(message.body)}</pre></article>`,
        )
        .join('\n');
      const body = items || '<p>No text messages yet. Add a phone number in the security settings, then reload this page.</p>';
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      // Same look as the mail viewer: its stylesheet is served at /dev/mail.css.
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Dev SMS · Workgate</title><link rel="stylesheet" href="/dev/mail.css"></head>
<body><main><h1>Dev SMS outbox</h1><p>Text messages the app would have sent. Newest first. Only served outside production.</p>${body}</main></body></html>`;
    });
  };
}
