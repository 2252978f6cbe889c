import { describe, expect, it } from 'vitest';
import type { Provider, ProviderOutcome } from '../api/provider-api';
import { loginToConnectPath, outcomeStep } from './provider-outcome';
import { HOME_PATH } from './safe-next-path';

const google: Provider = { id: 'google', label: 'Google', kind: 'google' };
const okta: Provider = { id: 'okta', label: 'Okta', kind: 'oidc' };
const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'freelancer' as const,
  emailVerified: true,
  createdAt: '2026-03-01T12:00:00.000Z',
  isAdmin: false,
};

describe('outcomeStep', () => {
  it('goes on to next once signed in, as a new session', () => {
    expect(outcomeStep({ outcome: 'signed_in', provider: google, user, next: '/support/tickets' })).toEqual({
      kind: 'go',
      to: '/support/tickets',
      newSession: true,
    });
  });

  it('never follows a next that leaves the site or returns into the login flow', () => {
    for (const next of ['https://evil.example/', '//evil.example', '/login/provider', '/connect-provider?token=x', '']) {
      const step = outcomeStep({ outcome: 'signed_in', provider: google, user, next });
      expect(step).toMatchObject({ kind: 'go', to: HOME_PATH });
    }
    expect(outcomeStep({ outcome: 'reauthenticated', provider: google, next: '//evil.example' })).toEqual({ kind: 'go', to: HOME_PATH });
  });

  it('keeps the second step in this tab, naming the provider that proved the first', () => {
    const outcome: ProviderOutcome = {
      outcome: 'mfa_required',
      provider: okta,
      challenge: 'secret-challenge',
      methods: ['totp', 'recovery_code'],
      expiresAt: '2026-03-01T12:10:00.000Z',
      next: '/settings/security',
    };
    expect(outcomeStep(outcome)).toEqual({
      kind: 'go',
      to: '/login/two-step?next=%2Fsettings%2Fsecurity',
      pendingLogin: { challenge: 'secret-challenge', methods: ['totp', 'recovery_code'], expiresAt: '2026-03-01T12:10:00.000Z', provider: 'Okta' },
    });
    // The challenge is never in the address.
    expect(JSON.stringify((outcomeStep(outcome) as { to: string }).to)).not.toContain('secret');
    expect(outcomeStep({ ...outcome, next: '/onboarding' })).toMatchObject({ to: '/login/two-step' });
  });

  it('asks to finish signing up with what the provider told', () => {
    expect(outcomeStep({ outcome: 'signup_required', provider: google, email: 'ada@example.com', name: 'Ada Lovelace' })).toEqual({
      kind: 'finish_signup',
      provider: google,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
    });
  });

  it('sends an existing address to log in with it filled in, saying which provider will be connected', () => {
    expect(outcomeStep({ outcome: 'link_required', provider: google, email: 'ada+work@example.com' })).toEqual({
      kind: 'connect_existing',
      provider: google,
      email: 'ada+work@example.com',
      loginPath: '/login?email=ada%2Bwork%40example.com&connect=1',
      loginState: { connectProvider: 'Google' },
    });
  });

  it('says a new connection in the security settings', () => {
    expect(outcomeStep({ outcome: 'linked', provider: google, next: '/settings/security' })).toEqual({
      kind: 'go',
      to: '/settings/security',
      state: { connected: 'Google' },
    });
  });

  it('goes back to the page that asked, once it is confirmed it is you', () => {
    expect(outcomeStep({ outcome: 'reauthenticated', provider: google, next: '/admin/users/1?tab=2' })).toEqual({ kind: 'go', to: '/admin/users/1?tab=2' });
  });
});

describe('loginToConnectPath', () => {
  it('reads back as the same address', () => {
    const path = loginToConnectPath('a&b=c@example.com');
    expect(new URLSearchParams(path.split('?')[1]).get('email')).toBe('a&b=c@example.com');
  });
});
