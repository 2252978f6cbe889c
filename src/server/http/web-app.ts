/**
 * Serves the built single-page app (dist/web) at /. Hashed assets are cached for a year;
 * index.html is never cached, so a deploy is picked up at the next navigation. Any other GET
 * that asks for HTML and is not an API, dev or operations path gets index.html, and React
 * Router takes it from there.
 *
 * index.html carries a fresh style nonce in a `csp-nonce` meta tag, and its Content-Security-Policy
 * allows that nonce: React Aria adds two small <style> elements of its own (press and scroll
 * behaviour) and reads the nonce from that tag, as its documentation asks. Nothing else may
 * add inline styles.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

const NOT_APP = /^\/(api|dev|metrics|healthz|readyz)(\/|$|\.)/;

/** Serves the built files of the web app found in `root`. */
export async function registerWebApp(app: FastifyInstance, root = WEB_ROOT): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendWebApp(reply, root));
}

/** For the not-found handler: true when this request should get the app's index.html. */
export function wantsWebApp(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0]!;
  if (NOT_APP.test(path) || /\.[a-z0-9]+$/i.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** Answers with the app's index.html (used for client-side routes). */
export async function sendWebApp(reply: FastifyReply, root = WEB_ROOT) {
  const nonce = randomBytes(16).toString('base64');
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy === 'string') reply.header('content-security-policy', policy.replace(/style-src ([^;]*)/, `style-src $1 'nonce-${nonce}'`));
  // Read at each visit (a few kilobytes): a rebuilt web app is served without a restart.
  const html = await readFile(join(root, 'index.html'), 'utf8');
  return reply
    .code(200)
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(html.replace('<head>', `<head><meta property="csp-nonce" nonce="${nonce}">`));
}
