/**
 * How sign-in providers are named to people. Google's and Apple's brand guidance asks for
 * their own names on their buttons ("Continue with Google", "Continue with Apple") whatever
 * the operator labelled them; any other provider goes by its configured label.
 */
import type { IdentityList, Provider } from '../api/provider-api';

/** "Google", "Apple", or the operator's label for any other OpenID provider. */
export function providerName(provider: Pick<Provider, 'kind' | 'label' | 'id'>): string {
  if (provider.kind === 'google') return 'Google';
  if (provider.kind === 'apple') return 'Apple';
  return provider.label.trim() || provider.id;
}

/**
 * A message written for any provider ("the provider has not verified…"), with the provider's
 * name in its place once it is known ("Google has not verified…").
 */
export function withProviderName(message: string, name: string | null): string {
  if (!name) return message;
  return message.replace(/\b[Tt]he provider\b/g, name);
}

/** "Google", "Google or Apple", "Google, Apple or Okta". */
export function eitherOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The providers of a list, each once, in order. */
export function distinctProviders(providers: readonly Provider[]): Provider[] {
  const seen = new Set<string>();
  return providers.filter((provider) => !seen.has(provider.id) && seen.add(provider.id));
}

/**
 * What an account without a password signs in with, for "You sign in with …": its connected
 * providers, or a passkey when it has no provider either; null when it has neither.
 */
export function signInWithWords(list: Pick<IdentityList, 'identities' | 'passkeyCount'>): string | null {
  const names = distinctProviders(list.identities.map((identity) => identity.provider)).map(providerName);
  if (names.length > 0) return eitherOf(names);
  return list.passkeyCount > 0 ? 'a passkey' : null;
}

/**
 * Only web addresses are followed to a provider: an authorization URL is the server's answer,
 * but a `javascript:` one must never reach window.location.
 */
export function isProviderUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
