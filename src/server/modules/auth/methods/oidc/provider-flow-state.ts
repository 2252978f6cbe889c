/**
 * Where a provider sign-in waits between requests. Each piece lives in the kv store (memory,
 * or Redis shared by every instance) under the SHA-256 of a random secret that only this
 * browser holds, in an HttpOnly, SameSite=Lax cookie scoped to /api/v1/auth (`__Host-`
 * prefixed and Secure over HTTPS, which requires Path=/ instead):
 *
 * - the attempt (state, nonce, PKCE verifier, intent), 10 minutes, *taken* by its callback,
 *   so a replayed callback finds nothing; one browser may run several attempts at once,
 *   each under its own state;
 * - the callback's outcome, for the /login/provider page to read (a second-step challenge
 *   or a sign-up ticket never travels in a URL);
 * - a link waiting for the person to prove the matching account (log in, or a mail link).
 *
 * Lax, not Strict: the callback is a top-level navigation started by the provider's site.
 * Apple's form POST is bounced to a GET first (see oidc.routes.ts), so Lax suffices there too.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../../config.js';
import type { Deps } from '../../../../platform/deps.js';
import { generateSecret, hashSecret, looksLikeSecret } from '../../../../platform/secrets.js';
import { bindingCookie } from '../../../../http/binding-cookie.js';
import type { ProviderIntent, ProviderOutcome } from '../../../../../shared/provider-contracts.js';

export const ATTEMPT_TTL_MS = 10 * 60_000;

type CookieKind = 'flow' | 'outcome' | 'link';

const flowCookie = (config: Config, kind: CookieKind) =>
  bindingCookie(config, { name: `wg_oidc_${kind}`, sameSite: 'lax', path: '/api/v1/auth' });

function readCookie(config: Config, request: FastifyRequest, kind: CookieKind): string | undefined {
  return flowCookie(config, kind).read(request);
}

function setCookie(config: Config, reply: FastifyReply, kind: CookieKind, value: string): void {
  flowCookie(config, kind).set(reply, value, ATTEMPT_TTL_MS);
}

export function clearCookie(config: Config, reply: FastifyReply, kind: CookieKind): void {
  flowCookie(config, kind).clear(reply);
}

/** One provider sign-in, from the authorize call to its callback. */
export interface Attempt {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  intent: ProviderIntent;
  rememberMe: boolean;
  next: string;
  /** link and reauthenticate: the session that asked, which must still be the caller at the callback. */
  sessionId?: string;
  userId?: string;
}

/** Keeps an attempt for this browser (reusing its binding, so attempts in two tabs both work). */
export async function saveAttempt(deps: Pick<Deps, 'kv' | 'config'>, request: FastifyRequest, reply: FastifyReply, attempt: Attempt) {
  const binding = readCookie(deps.config, request, 'flow') ?? generateSecret();
  await deps.kv.put(`oidc-attempt:${hashSecret(binding)}:${attempt.state}`, JSON.stringify(attempt), ATTEMPT_TTL_MS);
  setCookie(deps.config, reply, 'flow', binding);
}

/** Takes the attempt this browser started under `state`; undefined when none (other browser, expired, replayed). */
export async function takeAttempt(deps: Pick<Deps, 'kv' | 'config'>, request: FastifyRequest, state: string): Promise<Attempt | undefined> {
  const binding = readCookie(deps.config, request, 'flow');
  if (!binding || state.length === 0 || state.length > 512) return undefined;
  const stored = await deps.kv.take(`oidc-attempt:${hashSecret(binding)}:${state}`);
  return stored ? (JSON.parse(stored) as Attempt) : undefined;
}

/** A provider account that has no Workgate account yet, waiting for the role choice. */
export interface PendingSignup {
  provider: string;
  subject: string;
  email: string;
  name: string;
  client: 'browser' | 'app';
  rememberMe: boolean;
}

/** Keeps a pending sign-up; answers its ticket (the browser's is kept with the outcome, an app gets it in the body). */
export async function savePendingSignup(deps: Pick<Deps, 'kv'>, signup: PendingSignup): Promise<string> {
  const ticket = generateSecret();
  await deps.kv.put(`oidc-signup:${hashSecret(ticket)}`, JSON.stringify(signup), ATTEMPT_TTL_MS);
  return ticket;
}

export async function takePendingSignup(deps: Pick<Deps, 'kv'>, ticket: string): Promise<PendingSignup | undefined> {
  if (!looksLikeSecret(ticket)) return undefined;
  const stored = await deps.kv.take(`oidc-signup:${hashSecret(ticket)}`);
  return stored ? (JSON.parse(stored) as PendingSignup) : undefined;
}

/** What a callback came to: the page's view, and the sign-up ticket behind it when there is one. */
export interface StoredOutcome {
  view: ProviderOutcome;
  signupTicket?: string;
}

/** Leaves the outcome for this browser's /login/provider page (replacing an older one). */
export async function saveOutcome(deps: Pick<Deps, 'kv' | 'config'>, reply: FastifyReply, outcome: StoredOutcome): Promise<void> {
  const secret = generateSecret();
  await deps.kv.put(`oidc-outcome:${hashSecret(secret)}`, JSON.stringify(outcome), ATTEMPT_TTL_MS);
  setCookie(deps.config, reply, 'outcome', secret);
}

export async function readOutcome(deps: Pick<Deps, 'kv' | 'config'>, request: FastifyRequest): Promise<StoredOutcome | undefined> {
  const secret = readCookie(deps.config, request, 'outcome');
  if (!secret) return undefined;
  // Read without using it up: a reload of the page must find it again.
  const stored = await deps.kv.get(`oidc-outcome:${hashSecret(secret)}`);
  return stored ? (JSON.parse(stored) as StoredOutcome) : undefined;
}

export async function forgetOutcome(deps: Pick<Deps, 'kv' | 'config'>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const secret = readCookie(deps.config, request, 'outcome');
  if (secret) await deps.kv.delete(`oidc-outcome:${hashSecret(secret)}`);
  clearCookie(deps.config, reply, 'outcome');
}

/** A provider account waiting to be connected to the existing account with its verified address. */
export interface PendingLink {
  provider: string;
  subject: string;
  email: string;
  userId: string;
}

export async function savePendingLink(deps: Pick<Deps, 'kv' | 'config'>, reply: FastifyReply, link: PendingLink): Promise<void> {
  const secret = generateSecret();
  await deps.kv.put(`oidc-link:${hashSecret(secret)}`, JSON.stringify(link), ATTEMPT_TTL_MS);
  setCookie(deps.config, reply, 'link', secret);
}

/** This browser's pending link; `take` uses it up (the login that completes it). */
export async function pendingLinkOf(
  deps: Pick<Deps, 'kv' | 'config'>,
  request: FastifyRequest,
  options: { take: boolean },
): Promise<PendingLink | undefined> {
  const secret = readCookie(deps.config, request, 'link');
  if (!secret) return undefined;
  const key = `oidc-link:${hashSecret(secret)}`;
  const stored = options.take ? await deps.kv.take(key) : await deps.kv.get(key);
  return stored ? (JSON.parse(stored) as PendingLink) : undefined;
}

/** Apple's form POST, parked for the GET it is bounced to (2 minutes, taken once). */
export async function parkForm(deps: Pick<Deps, 'kv'>, fields: Record<string, string>): Promise<string> {
  const ticket = generateSecret();
  await deps.kv.put(`oidc-form:${hashSecret(ticket)}`, JSON.stringify(fields), 2 * 60_000);
  return ticket;
}

export async function takeParkedForm(deps: Pick<Deps, 'kv'>, ticket: string): Promise<Record<string, string> | undefined> {
  if (!looksLikeSecret(ticket)) return undefined;
  const stored = await deps.kv.take(`oidc-form:${hashSecret(ticket)}`);
  return stored ? (JSON.parse(stored) as Record<string, string>) : undefined;
}

/** A nonce handed to a native app for its own provider sign-in: 10 minutes, usable once. */
export async function issueNonce(deps: Pick<Deps, 'kv' | 'clock'>, provider: string): Promise<{ nonce: string; expiresAt: Date }> {
  const nonce = generateSecret();
  await deps.kv.put(`oidc-nonce:${provider}:${hashSecret(nonce)}`, '1', ATTEMPT_TTL_MS);
  return { nonce, expiresAt: new Date(deps.clock.now().getTime() + ATTEMPT_TTL_MS) };
}

export async function takeNonce(deps: Pick<Deps, 'kv'>, provider: string, nonce: string): Promise<boolean> {
  if (!looksLikeSecret(nonce)) return false;
  return (await deps.kv.take(`oidc-nonce:${provider}:${hashSecret(nonce)}`)) !== undefined;
}
