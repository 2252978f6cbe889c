/**
 * The browser session cookie: HttpOnly (no script can read it), SameSite=Lax, Path=/.
 * Over HTTPS it is Secure and named with the `__Host-` prefix, which browsers accept only
 * from a secure origin without a Domain attribute, so a sibling subdomain cannot plant one.
 * Plain-http localhost (development) drops both, as browsers require.
 * Without "remember me" the cookie has no Max-Age and ends with the browser; the server
 * still ends the session after an hour unused or 24 hours (modules/sessions/session-lifetime.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

export function sessionCookieName(config: Config): string {
  return config.publicUrl.protocol === 'https:' ? '__Host-wg_session' : 'wg_session';
}

function baseOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.protocol === 'https:',
  };
}

export function readSessionCookie(config: Config, request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(config)];
}

export function setSessionCookie(
  config: Config,
  reply: FastifyReply,
  token: string,
  session: { rememberMe: boolean; expiresAt: Date },
  now: Date,
): void {
  // A remembered session slides with use up to its hard limit; the cookie ends when it does.
  const seconds = Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
  const maxAge = session.rememberMe ? { maxAge: seconds } : {};
  reply.setCookie(sessionCookieName(config), token, { ...baseOptions(config), ...maxAge });
}

export function clearSessionCookie(config: Config, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(config), baseOptions(config));
}
