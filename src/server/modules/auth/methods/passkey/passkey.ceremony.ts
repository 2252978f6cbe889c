/**
 * WebAuthn ceremonies: who the relying party is, and where a challenge waits for its answer.
 *
 * - The relying party is PUBLIC_URL: its hostname is the RP ID, and clientDataJSON must name
 *   its origin or one of Workgate's own apps' (PASSKEY_ALLOWED_ORIGINS, the Android signing
 *   certificates, native-apps-config.ts), so an assertion made on any other site (phishing) fails.
 * - Every options call makes a fresh 256-bit challenge (@simplewebauthn's generator). It waits
 *   in the kv adapter (memory, or Redis shared by every instance) for 5 minutes and is *taken*
 *   — read and deleted in one atomic step — by the one verification that may use it, so a
 *   challenge works once, and an assertion signed over it cannot be replayed.
 * - A challenge is bound to whoever asked for it:
 *   registration to the session; passkey sign-in to the browser, through a random id in a
 *   5-minute HttpOnly, SameSite=Strict cookie (`__Host-` over HTTPS) whose SHA-256 names the
 *   kv entry; a native app's passkey sign-in to the app, through the same kind of random id
 *   handed over in the body (an app has no cookie jar, and no other site can post for it);
 *   a second step or step-up to the user, keyed by user id and challenge.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../../config.js';
import type { Deps } from '../../../../platform/deps.js';
import { generateSecret, hashSecret } from '../../../../platform/secrets.js';
import { bindingCookie } from '../../../../http/binding-cookie.js';

/** How long a challenge can be answered; also the browser's timeout for the ceremony. */
export const CEREMONY_TTL_MS = 5 * 60_000;

export interface RelyingParty {
  id: string;
  name: string;
  /** Origins accepted in clientDataJSON: PUBLIC_URL's first, then the native apps'. */
  origins: string[];
}

export function relyingParty(config: Config): RelyingParty {
  return { id: config.publicUrl.hostname, name: 'Workgate', origins: config.nativeApps.passkeyOrigins };
}

type Purpose = 'register' | 'login' | 'factor';

const key = (purpose: Purpose, binding: string) => `passkey:${purpose}:${binding}`;

/** Keeps a challenge for CEREMONY_TTL_MS under its binding (session id, ceremony id hash, user:challenge). */
export async function saveChallenge(deps: Pick<Deps, 'kv'>, purpose: Purpose, binding: string, challenge: string): Promise<void> {
  await deps.kv.put(key(purpose, binding), challenge, CEREMONY_TTL_MS);
}

/** Takes the challenge saved under a binding: it is gone afterwards, whatever the verification says. */
export function takeChallenge(deps: Pick<Deps, 'kv'>, purpose: Purpose, binding: string): Promise<string | undefined> {
  return deps.kv.take(key(purpose, binding));
}

// Strict: the cookie never rides on a request another site starts, so a sign-in assertion
// cannot be posted on a victim's behalf (login CSRF) even where the Origin check is absent.
const ceremonyCookie = (config: Config) => bindingCookie(config, { name: 'wg_passkey', sameSite: 'strict' });

/** Starts a passkey sign-in for this browser: keeps the challenge and sets the ceremony cookie. */
export async function bindLoginChallenge(deps: Pick<Deps, 'kv' | 'config'>, reply: FastifyReply, challenge: string): Promise<void> {
  const ceremonyId = generateSecret();
  await saveChallenge(deps, 'login', hashSecret(ceremonyId), challenge);
  ceremonyCookie(deps.config).set(reply, ceremonyId, CEREMONY_TTL_MS);
}

/** Starts a native app's passkey sign-in: keeps the challenge and answers the ceremony id the app sends back. */
export async function bindAppLoginChallenge(deps: Pick<Deps, 'kv'>, challenge: string): Promise<string> {
  const ceremonyId = generateSecret();
  await saveChallenge(deps, 'login', `app:${hashSecret(ceremonyId)}`, challenge);
  return ceremonyId;
}

/** Takes the challenge of a native app's passkey sign-in; undefined when none is live under this id. */
export function takeAppLoginChallenge(deps: Pick<Deps, 'kv'>, ceremonyId: string): Promise<string | undefined> {
  return takeChallenge(deps, 'login', `app:${hashSecret(ceremonyId)}`);
}

/** Takes the challenge of this browser's passkey sign-in and clears the cookie; undefined when none is live. */
export async function takeLoginChallenge(
  deps: Pick<Deps, 'kv' | 'config'>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | undefined> {
  const cookie = ceremonyCookie(deps.config);
  const ceremonyId = cookie.read(request);
  cookie.clear(reply);
  if (!ceremonyId) return undefined;
  return takeChallenge(deps, 'login', hashSecret(ceremonyId));
}
