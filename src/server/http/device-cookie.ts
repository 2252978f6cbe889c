/**
 * The known-device token. A browser that signs in gets a random 256-bit token in a
 * long-lived cookie: HttpOnly (no script can read it), SameSite=Lax, Path=/, Max-Age of
 * KNOWN_DEVICE_DAYS renewed at each sign-in; over HTTPS it is Secure and named with the
 * `__Host-` prefix, like the session cookie, so a sibling subdomain cannot plant one.
 * Native apps keep the token themselves: they send it in the `X-Device-Token` request header
 * and receive it in the same response header from POST /auth/token, so the JSON body of the
 * token answer is unchanged. The server stores only the token's SHA-256 (known_devices).
 * The token authenticates nothing: it only tells the lockout which failure counter applies
 * and whether a sign-in comes from a new device.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { looksLikeSecret } from '../platform/secrets.js';

/** Request and response header carrying a native app's device token. */
export const DEVICE_TOKEN_HEADER = 'x-device-token';

export function deviceCookieName(config: Config): string {
  return config.publicUrl.protocol === 'https:' ? '__Host-wg_device' : 'wg_device';
}

/** The device token a request presents (cookie for browsers, header for apps), if well formed. */
export function readDeviceToken(config: Config, request: FastifyRequest): string | undefined {
  const header = request.headers[DEVICE_TOKEN_HEADER];
  const token = typeof header === 'string' ? header : request.cookies[deviceCookieName(config)];
  // Junk never reaches the database: only the shape of our own tokens is looked up.
  return token && looksLikeSecret(token) ? token : undefined;
}

/** Hands the device token back: a cookie to browsers, a response header to apps. */
export function sendDeviceToken(config: Config, reply: FastifyReply, token: string, client: 'browser' | 'app'): void {
  if (client === 'app') {
    reply.header(DEVICE_TOKEN_HEADER, token);
    return;
  }
  reply.setCookie(deviceCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.protocol === 'https:',
    maxAge: config.knownDeviceDays * 86_400,
  });
}
