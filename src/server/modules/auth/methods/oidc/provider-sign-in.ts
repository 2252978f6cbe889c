/**
 * The browser's provider sign-in: authorization code flow with PKCE (S256), state and nonce
 * (openid-client checks all three, the ID token's issuer, audience and expiry, and RFC 9207's
 * `iss` in the callback when the provider announces it; its signature is checked against the
 * provider's published keys because provider-clients.ts turns on the non-repudiation checks).
 *
 * For intent `login`, the account is decided in provider-account.ts and the callback comes
 * to `signed_in`, `mfa_required`, `link_required` (prove the existing account first) or
 * `signup_required` (choose a role; an unconfirmed sign-up with the address is replaced).
 * Every failure is audited with its reason and told as a stable code, never a 500.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../../../../config.js';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import { presentedSessionToken } from '../../../../http/auth-guard.js';
import { setSessionCookie } from '../../../../http/session-cookie.js';
import { toUserView } from '../../../accounts/user-view.js';
import { recordAuditEvent } from '../../../security/audit.service.js';
import { reauthenticateSession, validateSessionToken } from '../../../sessions/sessions.service.js';
import type { ProviderIntent } from '../../../../../shared/provider-contracts.js';
import { findIdentity, touchIdentity } from './identities.queries.js';
import { accountForPerson, holdSignup, signInConnected } from './provider-account.js';
import { personFromClaims, type ProviderPerson } from './provider-claims.js';
import { configuredProvider, providerClient, providerView, redirectUri } from './provider-clients.js';
import { savePendingLink, saveAttempt, takeAttempt, type Attempt, type StoredOutcome } from './provider-flow-state.js';
import { connectIdentity } from './provider-link.js';
import { safeNextPath } from '../../../../../shared/safe-next-path.js';
import { refuseProviderSignIn } from './provider-refusal.js';

/** How recent the provider's own sign-in must be when confirming it is you or connecting it. */
const FRESH_SIGN_IN_SECONDS = 300;
/** What providers send when the person cancels: the standard code, and Apple's own. */
const CANCELLED = new Set(['access_denied', 'user_cancelled_authorize']);

/** Starts a sign-in: keeps the attempt for this browser and answers the provider's URL. */
export async function beginAuthorization(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  providerId: string,
  input: { intent: ProviderIntent; rememberMe: boolean; next: string | undefined; session?: { id: string; userId: string } },
): Promise<string> {
  const provider = configuredProvider(deps.config, providerId);
  const { configuration } = await providerClient(deps.config, provider);
  const attempt: Attempt = {
    provider: provider.id,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    intent: input.intent,
    rememberMe: input.rememberMe,
    next: safeNextPath(input.next),
    ...(input.session ? { sessionId: input.session.id, userId: input.session.userId } : {}),
  };
  await saveAttempt(deps, request, reply, attempt);
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri(deps.config, provider),
    scope: provider.scope,
    response_type: 'code',
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier),
    code_challenge_method: 'S256',
  };
  if (provider.responseMode === 'form_post') parameters.response_mode = 'form_post';
  if (input.intent !== 'login') {
    // Confirming it is you, or adding a way in, must not ride on a provider session left open
    // on this computer: the provider asks again, and its auth_time is checked at the callback.
    parameters.prompt = 'login';
    parameters.max_age = String(FRESH_SIGN_IN_SECONDS);
  } else if (provider.kind === 'google') {
    // Let the person pick among several Google accounts rather than silently reuse the last one.
    parameters.prompt = 'select_account';
  }
  return client.buildAuthorizationUrl(configuration, parameters).toString();
}

/** A refusal of this browser's callback, audited with its reason and thrown as a stable code. */
function refuse(
  deps: Deps,
  context: RequestContext,
  provider: OidcProviderConfig,
  code: 'oidc_denied' | 'oidc_invalid_state' | 'oidc_failed' | 'oidc_identity_taken' | 'oidc_wrong_account' | 'sign_in_method_held',
  reason: string,
  userId: string | null = null,
): Promise<never> {
  return refuseProviderSignIn(deps, context, provider, { code, reason, userId });
}

/** Exchanges the code and checks the ID token; the person the provider vouches for. */
async function exchangeCode(
  deps: Deps,
  context: RequestContext,
  provider: OidcProviderConfig,
  attempt: Attempt,
  params: Record<string, string>,
): Promise<ProviderPerson> {
  const { configuration, prepareTokenRequest } = await providerClient(deps.config, provider);
  const callbackUrl = new URL(redirectUri(deps.config, provider));
  // Apple's `user` field is not part of the OAuth response; everything else is passed on as received.
  for (const [key, value] of Object.entries(params)) if (key !== 'user') callbackUrl.searchParams.set(key, value);
  try {
    await prepareTokenRequest();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
      ...(attempt.intent === 'login' ? {} : { maxAge: FRESH_SIGN_IN_SECONDS }),
    });
    const claims = tokens.claims();
    if (!claims) return refuse(deps, context, provider, 'oidc_failed', 'no_id_token');
    return personFromClaims(claims as Record<string, unknown>, { appleUser: params.user });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // openid-client's error codes name what failed (e.g. OAUTH_RESPONSE_BODY_ERROR, invalid_grant for a used code).
    const detail = error as { code?: unknown; error?: unknown };
    const reason = typeof detail.error === 'string' ? detail.error : typeof detail.code === 'string' ? detail.code : 'exchange_failed';
    return refuse(deps, context, provider, 'oidc_failed', reason);
  }
}

/** Handles the provider's answer for this browser; throws AppError with the code the page shows. */
export async function completeCallback(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  providerId: string,
  params: Record<string, string>,
  context: RequestContext,
): Promise<StoredOutcome> {
  const provider = configuredProvider(deps.config, providerId);
  const attempt = await takeAttempt(deps, request, params.state ?? '');
  if (!attempt || attempt.provider !== provider.id) return refuse(deps, context, provider, 'oidc_invalid_state', 'unknown_state');
  if (params.error) {
    return refuse(deps, context, provider, CANCELLED.has(params.error) ? 'oidc_denied' : 'oidc_failed', `provider_${params.error}`.slice(0, 64));
  }
  if (!params.code) return refuse(deps, context, provider, 'oidc_failed', 'no_code');
  const person = await exchangeCode(deps, context, provider, attempt, params);
  if (attempt.intent === 'login') return signInOrUp(deps, reply, provider, attempt, person, context);
  return actForSession(deps, request, reply, provider, attempt, person, context);
}

async function signInOrUp(
  deps: Deps,
  reply: FastifyReply,
  provider: OidcProviderConfig,
  attempt: Attempt,
  person: ProviderPerson,
  context: RequestContext,
): Promise<StoredOutcome> {
  const view = providerView(provider);
  const pending = { client: 'browser' as const, rememberMe: attempt.rememberMe };
  const account = await accountForPerson(deps, provider, person, context, 'browser');
  if (account.kind === 'connected') {
    const answer = await signInConnected(deps, reply, account.user, provider, person, pending, context);
    if ('mfaRequired' in answer) {
      const { challenge, methods, expiresAt } = answer;
      return { view: { outcome: 'mfa_required', provider: view, challenge, methods, expiresAt, next: attempt.next } };
    }
    return { view: { outcome: 'signed_in', provider: view, user: toUserView(account.user), next: attempt.next } };
  }
  if (account.kind === 'prove_existing') {
    await savePendingLink(deps, reply, { provider: provider.id, subject: person.subject, email: account.email, userId: account.user.id });
    return { view: { outcome: 'link_required', provider: view, email: account.email } };
  }
  const signupTicket = await holdSignup(deps, provider, person, account, pending);
  return { view: { outcome: 'signup_required', provider: view, email: account.email, name: account.name }, signupTicket };
}

/** Intents `link` and `reauthenticate`: the browser's session must be the one that started the attempt. */
async function actForSession(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  provider: OidcProviderConfig,
  attempt: Attempt,
  person: ProviderPerson,
  context: RequestContext,
): Promise<StoredOutcome> {
  const view = providerView(provider);
  const { token, via } = presentedSessionToken(deps.config, request);
  const session = token ? await validateSessionToken(deps, token) : null;
  if (!session || session.session.id !== attempt.sessionId || session.user.id !== attempt.userId) {
    return refuse(deps, context, provider, 'oidc_invalid_state', 'session_changed', attempt.userId ?? null);
  }
  const user = session.user;
  const identity = await findIdentity(deps.db, provider.id, person.subject);
  if (attempt.intent === 'reauthenticate') {
    if (identity?.userId !== user.id) return refuse(deps, context, provider, 'oidc_wrong_account', 'wrong_reauthentication', user.id);
    if (identity.heldAt) return refuse(deps, context, provider, 'sign_in_method_held', 'held_after_report', user.id);
    await touchIdentity(deps.db, identity.id, person.email, deps.clock.now());
    // A new token, as for any step-up; this callback is a browser's, so it rides in the cookie.
    const renewed = await reauthenticateSession(deps, session.session.id);
    if (!renewed) return refuse(deps, context, provider, 'oidc_invalid_state', 'session_changed', user.id);
    if (via === 'cookie') setSessionCookie(deps.config, reply, renewed.token, renewed.session, deps.clock.now());
    await recordAuditEvent(deps, deps.db, context, { event: 'reauthenticated', userId: user.id, details: { method: provider.id, provider: provider.label } });
    return { view: { outcome: 'reauthenticated', provider: view, next: attempt.next } };
  }
  if (identity && identity.userId !== user.id) return refuse(deps, context, provider, 'oidc_identity_taken', 'identity_taken', user.id);
  if (!identity) {
    const connected = await connectIdentity(deps, user, { provider: provider.id, subject: person.subject, email: person.email }, context, 'settings');
    // Lost a race: the same provider account was connected a moment ago, to this account or another.
    if (!connected && (await findIdentity(deps.db, provider.id, person.subject))?.userId !== user.id) {
      return refuse(deps, context, provider, 'oidc_identity_taken', 'identity_taken', user.id);
    }
  }
  return { view: { outcome: 'linked', provider: view, next: attempt.next } };
}
