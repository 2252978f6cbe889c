/**
 * Calls for signing in with Google, Apple and other OpenID providers: the configured
 * providers, starting a sign-in at the provider, what the provider's answer came to, finishing
 * a sign-up or a connection, and the connected accounts in the security settings.
 * Sensitive calls (connecting, disconnecting) may ask "Confirm it's you" first; apiRequest
 * handles that and sends the call again (step-up.ts).
 */
import type { Role, User } from '../../shared/contracts';
import type { IdentityList, Provider, ProviderIntent, ProviderOutcome } from '../../shared/provider-contracts';
import { apiRequest } from './client';

export type { Identity, IdentityList, Provider, ProviderIntent, ProviderOutcome } from '../../shared/provider-contracts';

/** The providers configured on this deployment, in the order their buttons are shown. */
export function listProviders(): Promise<{ providers: Provider[] }> {
  return apiRequest('GET', '/auth/providers');
}

export interface AuthorizeInput {
  /** `login` signs in or up; `link` connects to the signed-in account; `reauthenticate` is step-up. */
  intent: ProviderIntent;
  rememberMe?: boolean;
  /** A path on this site to continue to afterwards. */
  next?: string;
}

/** The provider's sign-in page for this attempt; the answer binds the attempt to this browser by a cookie. */
export function authorize(provider: string, input: AuthorizeInput): Promise<{ authorizationUrl: string }> {
  return apiRequest('POST', `/auth/oidc/${encodeURIComponent(provider)}/authorize`, input);
}

/** What the provider's last answer in this browser came to; 404 not_found when there is none or it expired. */
export function readOutcome(): Promise<ProviderOutcome> {
  return apiRequest('GET', '/auth/oidc/outcome');
}

/** Creates the account the provider vouched for (identified by the outcome cookie); signs this browser in. */
export function providerSignUp(input: { role: Role; name: string }): Promise<{ user: User }> {
  return apiRequest('POST', '/auth/oidc/signup', { ...input, acceptTerms: true });
}

/** Mails the owner of the existing account a link that connects the provider (202). */
export function emailLinkInstead(): Promise<void> {
  return apiRequest('POST', '/auth/oidc/link/email');
}

/** The link from the "connect your account" mail. */
export function confirmLink(token: string): Promise<{ provider: Provider }> {
  return apiRequest('POST', '/auth/oidc/link/confirm', { token });
}

/** The connected providers, the ones that could be connected, and what else signs the account in. */
export function listIdentities(): Promise<IdentityList> {
  return apiRequest('GET', '/account/identities');
}

/** Keeps a provider connection put on hold after a reported sign-in, so it signs in again. */
export function keepIdentity(id: string): Promise<void> {
  return apiRequest('POST', `/account/identities/${encodeURIComponent(id)}/keep`);
}

/** Disconnects a provider; 409 last_sign_in_method when nothing else could sign the account in. */
export function unlinkIdentity(id: string): Promise<void> {
  return apiRequest('DELETE', `/account/identities/${encodeURIComponent(id)}`);
}

/** Mails a link to set a first password (it opens /reset-password). */
export function sendPasswordSetupLink(): Promise<void> {
  return apiRequest('POST', '/account/password/setup-link');
}
