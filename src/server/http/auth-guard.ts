/**
 * Who is signed in. A request authenticates with `Authorization: Bearer <token>` (native
 * and mobile apps) or with the session cookie (browsers); the bearer header wins when both
 * are present. The session row is read on every request, so revocation is immediate.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.js';
import { lookupSessionToken, type AuthSession, type AuthUser } from '../modules/sessions/sessions.service.js';
import { explainRevokedSession } from '../modules/admin/suspension.service.js';
import { AppError } from './errors.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.js';

export interface Authenticated {
  user: AuthUser;
  session: AuthSession;
  via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

/** The bearer token of a request, if it sent one. */
export function readBearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

/** The session token a request presents: the bearer header wins over the cookie. */
export function presentedSessionToken(
  config: Deps['config'],
  request: FastifyRequest,
): { token: string | undefined; via: 'cookie' | 'bearer' } {
  const bearer = readBearerToken(request);
  if (bearer !== undefined) return { token: bearer, via: 'bearer' };
  return { token: readSessionCookie(config, request), via: 'cookie' };
}

/** A preHandler that answers 401 unauthenticated unless a live session is presented. */
export function requireAuth(deps: Deps) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { token, via } = presentedSessionToken(deps.config, request);
    const cookie = via === 'cookie' ? token : undefined;
    const lookup = token ? await lookupSessionToken(deps, token) : null;
    if (!lookup || !('live' in lookup)) {
      const explained = lookup ? await explainRevokedSession(deps, lookup.revokedUserId) : undefined;
      // Said once: the dead cookie goes, so later requests are simply signed out.
      if (explained && cookie) clearSessionCookie(deps.config, reply);
      throw explained ?? new AppError('unauthenticated');
    }
    const found = lookup.live;
    if (found.extended && cookie) setSessionCookie(deps.config, reply, cookie, found.session, deps.clock.now());
    request.auth = { user: found.user, session: found.session, via };
    // What a signed-in person is answered is theirs alone: no cache keeps it, unless a route
    // says otherwise (a step-up's new token included).
    reply.header('cache-control', 'no-store');
  };
}

/** The authenticated caller of a route guarded by requireAuth. */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth;
}

/**
 * The caller of a page that also works signed out (a public profile, a public file): the
 * live session presented, or null. A dead or missing session is not an error here; it only
 * means the caller sees what anonymous visitors see.
 */
export async function optionalAuth(deps: Deps, request: FastifyRequest): Promise<Authenticated | null> {
  const { token, via } = presentedSessionToken(deps.config, request);
  const lookup = token ? await lookupSessionToken(deps, token) : null;
  if (!lookup || !('live' in lookup)) return null;
  request.auth = { user: lookup.live.user, session: lookup.live.session, via };
  return request.auth;
}
