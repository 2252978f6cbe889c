import { describe, expect, it } from 'vitest';
import type { Identity, Provider } from '../api/provider-api';
import { distinctProviders, eitherOf, isProviderUrl, providerName, signInWithWords, withProviderName } from './provider-words';

const google: Provider = { id: 'google', label: 'Google Workspace', kind: 'google' };
const apple: Provider = { id: 'apple', label: 'Sign in with Apple', kind: 'apple' };
const okta: Provider = { id: 'okta', label: 'Okta', kind: 'oidc' };

const identity = (provider: Provider, id = '00000000-0000-4000-8000-000000000001'): Identity => ({
  id,
  provider,
  email: 'ada@example.com',
  createdAt: '2026-03-01T12:00:00.000Z',
  lastUsedAt: null,
  held: false,
});

describe('providerName', () => {
  it('names Google and Apple as their brand guidance asks, whatever the label', () => {
    expect(providerName(google)).toBe('Google');
    expect(providerName(apple)).toBe('Apple');
  });

  it('uses the label of any other provider, or its id when the label is blank', () => {
    expect(providerName(okta)).toBe('Okta');
    expect(providerName({ id: 'corp', label: '  ', kind: 'oidc' })).toBe('corp');
  });
});

describe('eitherOf', () => {
  it('joins names as a sentence does', () => {
    expect(eitherOf([])).toBe('');
    expect(eitherOf(['Google'])).toBe('Google');
    expect(eitherOf(['Google', 'Apple'])).toBe('Google or Apple');
    expect(eitherOf(['Google', 'Apple', 'Okta'])).toBe('Google, Apple or Okta');
  });
});

describe('distinctProviders', () => {
  it('keeps each provider once, in order', () => {
    expect(distinctProviders([google, apple, google, okta]).map((provider) => provider.id)).toEqual(['google', 'apple', 'okta']);
  });
});

describe('signInWithWords', () => {
  it('names the connected providers, each once', () => {
    const identities = [identity(google), identity(apple, '00000000-0000-4000-8000-000000000002'), identity(google, '00000000-0000-4000-8000-000000000003')];
    expect(signInWithWords({ identities, passkeyCount: 0 })).toBe('Google or Apple');
  });

  it('falls back to a passkey, then to nothing', () => {
    expect(signInWithWords({ identities: [], passkeyCount: 2 })).toBe('a passkey');
    expect(signInWithWords({ identities: [], passkeyCount: 0 })).toBeNull();
  });
});

describe('isProviderUrl', () => {
  it.each(['https://accounts.google.com/o/oauth2/v2/auth?client_id=x', 'http://localhost:4010/auth?x=1'])('follows %s', (url) => {
    expect(isProviderUrl(url)).toBe(true);
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', '/relative', ''])('refuses %j', (url) => {
    expect(isProviderUrl(url)).toBe(false);
  });
});

describe('withProviderName', () => {
  it('names the provider where the message says "the provider", at any position', () => {
    expect(withProviderName('The provider cannot be reached. Ask the provider later.', 'Google')).toBe(
      'Google cannot be reached. Ask Google later.',
    );
  });
  it('leaves the message as it is while the provider is unknown', () => {
    expect(withProviderName('Signing in with the provider was cancelled.', null)).toBe('Signing in with the provider was cancelled.');
  });
});
