/**
 * Cross-site request forgery defence by origin check (OWASP "Verifying Origin With
 * Standard Headers"), on top of SameSite=Lax cookies:
 * - an unsafe request that carries the session cookie must send `Origin` equal to
 *   PUBLIC_URL's origin;
 * - any unsafe request whose `Origin` names another site is refused, even without a cookie,
 *   which also stops login CSRF (signing a victim into an attacker's account);
 * - bearer-token requests are not checked: a foreign page cannot attach that header;
 * - a route marked `crossSiteFormPost` takes another site's form POST by design (Apple's
 *   sign-in callback); it must act on nothing but the form itself, as no cookie rides along.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from './errors.js';
import { readBearerToken } from './auth-guard.js';
import { readSessionCookie } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    crossSiteFormPost?: boolean;
  }
}

export function registerCsrfProtection(app: FastifyInstance, config: Config): void {
  const expected = config.publicUrl.origin;
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.routeOptions.config?.crossSiteFormPost === true) return;
    if (readBearerToken(request) !== undefined) return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== expected) throw new AppError('csrf_rejected');
    if (origin === undefined && readSessionCookie(config, request) !== undefined) throw new AppError('csrf_rejected');
  });
}
