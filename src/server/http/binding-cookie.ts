/**
 * A short-lived cookie that binds server-side state to one browser: it carries a random
 * secret whose SHA-256 names the state in the kv store, so the state is reachable only from
 * the browser that started it. HttpOnly always; over HTTPS Secure, named with the `__Host-`
 * prefix and therefore Path=/ (the prefix requires it); over plain HTTP (development) the
 * given path. Passkey sign-in and provider sign-in each keep their ceremony this way.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { looksLikeSecret } from '../platform/secrets.js';

export interface BindingCookie {
  /** The secret the request presents, if it has our shape. */
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, secret: string, maxAgeMs: number): void;
  clear(reply: FastifyReply): void;
}

export function bindingCookie(
  config: Config,
  cookie: { name: string; sameSite: 'strict' | 'lax'; path?: string },
): BindingCookie {
  const secure = config.publicUrl.protocol === 'https:';
  const name = `${secure ? '__Host-' : ''}${cookie.name}`;
  const options = { path: secure ? '/' : (cookie.path ?? '/'), httpOnly: true, sameSite: cookie.sameSite, secure };
  return {
    read(request) {
      const value = request.cookies[name];
      return value && looksLikeSecret(value) ? value : undefined;
    },
    set(reply, secret, maxAgeMs) {
      reply.setCookie(name, secret, { ...options, maxAge: maxAgeMs / 1000 });
    },
    clear(reply) {
      reply.clearCookie(name, options);
    },
  };
}
