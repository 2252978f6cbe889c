/**
 * The dev outbox viewer, served only outside production: /dev/mail for people trying the
 * app locally (click the verification link) and /dev/mail.json for scripts and tests.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Mailer } from '../../platform/mail.js';
import { escapeHtml } from '../../platform/mail-layout.js';

function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

export function devMailRoutes(mailer: Mailer): FastifyPluginAsync {
  return async (app) => {
    app.get('/dev/mail.json', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      // Mail is sent by the job queue's worker: list what is due as sent, as a reader expects.
      await mailer.drain();
      return { mail: mailer.outbox() };
    });

    app.get('/dev/mail', { schema: { hide: true } }, async (_request, reply) => {
      await mailer.drain();
      const items = mailer
        .outbox()
        .map(
          (mail) => `<article><h2>${escapeHtml(mail.subject)}</h2>
<p class="meta">To ${escapeHtml(mail.to)} · ${escapeHtml(mail.sentAt)}</p>
<pre>${linkify(mail.text)}</pre></article>`,
        )
        .join('\n');
      const body = items || '<p>No mail yet. Sign up or ask for a password reset, then reload this page.</p>';
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Dev mail · Workgate</title><link rel="stylesheet" href="/dev/mail.css"></head>
<body><main><h1>Dev mail outbox</h1><p>Mail the app would have sent. Newest first. Only served outside production.</p>${body}</main></body></html>`;
    });

    app.get('/dev/mail.css', { schema: { hide: true } }, async (_request, reply) => {
      reply.type('text/css');
      return `body{font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}main{max-width:48rem;margin:0 auto;padding:1.5rem}
article{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:1rem;margin:1rem 0}h2{margin:0 0 .25rem;font-size:1.1rem}
.meta{color:#475569;margin:0 0 .5rem}pre{white-space:pre-wrap;word-break:break-word;font:inherit}a{color:#0f5132}`;
    });
  };
}
