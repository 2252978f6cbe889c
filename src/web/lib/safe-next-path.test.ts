/**
 * Open-redirect defence for /login?next=… (OWASP Unvalidated Redirects and Forwards): only a
 * path on this site is followed after login; anything else goes to the home page.
 */
import { describe, expect, it } from 'vitest';
import { HOME_PATH, loginPathFor, safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/settings/security')).toBe('/settings/security');
    expect(safeNextPath('/onboarding?tab=2')).toBe('/onboarding?tab=2');
  });

  it.each([
    null,
    '',
    'settings',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '/ok\nSet-Cookie: x',
    'javascript:alert(1)',
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe(HOME_PATH);
  });

  it('never sends back into the login flow', () => {
    expect(safeNextPath('/login?next=/x')).toBe(HOME_PATH);
    expect(safeNextPath('/reset-password?token=abc')).toBe(HOME_PATH);
    expect(safeNextPath('/signup/check-email')).toBe(HOME_PATH);
    expect(safeNextPath('/login/two-step')).toBe(HOME_PATH);
    expect(safeNextPath('/login/provider?error=oidc_denied')).toBe(HOME_PATH);
  });

  it('never carries the token of a mail link on', () => {
    for (const path of ['/unlock', '/not-me', '/confirm-email-change', '/undo-email-change', '/connect-provider']) {
      expect(safeNextPath(`${path}?token=secret`)).toBe(HOME_PATH);
      expect(loginPathFor({ pathname: path, search: '?token=secret' })).toBe('/login');
    }
  });
});

describe('loginPathFor', () => {
  it('carries the current page as next', () => {
    expect(loginPathFor({ pathname: '/settings/security', search: '' })).toBe('/login?next=%2Fsettings%2Fsecurity');
  });

  it('adds no next for the home page or an account page', () => {
    expect(loginPathFor({ pathname: '/', search: '' })).toBe('/login');
    expect(loginPathFor({ pathname: '/verify-email', search: '?token=secret' })).toBe('/login');
  });
});
