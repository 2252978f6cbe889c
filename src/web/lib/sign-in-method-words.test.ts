import { describe, expect, it } from 'vitest';
import { signInMethodWords } from './sign-in-method-words';

describe('signInMethodWords', () => {
  it('names each way a sign-in can begin', () => {
    expect(signInMethodWords({ method: 'password', provider: null })).toBe('with a password');
    expect(signInMethodWords({ method: 'passkey', provider: null })).toBe('with a passkey');
    expect(signInMethodWords({ method: 'email_link', provider: null })).toBe('from the confirmation email');
  });

  it("uses Google's and Apple's own names, and the operator's label for other providers", () => {
    expect(signInMethodWords({ method: 'provider', provider: { id: 'google', label: 'Sign in with G', kind: 'google' } })).toBe('with Google');
    expect(signInMethodWords({ method: 'provider', provider: { id: 'apple', label: 'apple', kind: 'apple' } })).toBe('with Apple');
    expect(signInMethodWords({ method: 'provider', provider: { id: 'acme', label: 'Acme SSO', kind: 'oidc' } })).toBe('with Acme SSO');
  });

  it('says nothing for a session older than the record', () => {
    expect(signInMethodWords(null)).toBeNull();
  });
});
