/**
 * Short passwords fall to guessing; long passphrases must not be refused or cut. ASVS 5.0
 * 6.2.1 (at least 8 characters, 15 recommended: Workgate asks 12), 6.2.9 (at least 64
 * characters allowed; Workgate allows 128), 6.2.6 (no truncation); NIST SP 800-63B §3.1.1.2
 * (length counted in characters after normalization; at least 64 allowed). Each case runs at
 * sign-up and at a password change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../src/shared/password-policy.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Random-looking, so that only its length can get it refused. */
const ELEVEN = 'x7#Qm9$Lp2!';
const TWELVE = `${ELEVEN}z`;
/** Passphrases of exactly 64 and 128 characters, and one character more than allowed. */
const phraseOf = (length: number) => 'plum lantern Osaka violin 48 quietly drifts; '.repeat(4).slice(0, length);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const signup = (password: string) =>
  t.request('POST', '/api/v1/auth/signup', {
    body: { email: `length-${Date.now()}-${counter++}@example.com`, password, name: 'Sam Lee', role: 'client' },
  });

/** A fresh user's password change to `password`; answers the status, and whether the new password then signs in. */
async function change(password: string): Promise<{ status: number; signsIn: boolean }> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  const response = await t.request('POST', '/api/v1/account/password', { cookie, body: { currentPassword: user.password, newPassword: password } });
  const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password } });
  return { status: response.statusCode, signsIn: login.statusCode === 200 };
}

describe('the shortest password', () => {
  it('is 12 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect([...ELEVEN]).toHaveLength(11);
    expect([...TWELVE]).toHaveLength(12);
  });

  it('11 characters are refused, however random, with the rule named', async () => {
    const response = await signup(ELEVEN);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'weak_password', errors: [{ path: 'password', message: 'Use at least 12 characters.' }] });
    const changed = await change(ELEVEN);
    expect(changed).toEqual({ status: 400, signsIn: false });
  });

  it('12 characters are accepted', async () => {
    expect((await signup(TWELVE)).statusCode).toBe(202);
    expect(await change(TWELVE)).toEqual({ status: 200, signsIn: true });
  });
});

describe('long passwords', () => {
  it('of 64 and 128 characters are accepted whole, and sign in only whole', async () => {
    for (const length of [64, PASSWORD_MAX_LENGTH]) {
      const password = phraseOf(length);
      expect(password).toHaveLength(length);
      expect((await signup(password)).statusCode, String(length)).toBe(202);
      const user = await t.createUser();
      const cookie = await t.signIn(user);
      const response = await t.request('POST', '/api/v1/account/password', { cookie, body: { currentPassword: user.password, newPassword: password } });
      expect(response.statusCode, String(length)).toBe(200);
      expect((await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password } })).statusCode).toBe(200);
      // Nothing was cut: the password less its last character does not sign in.
      expect((await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: password.slice(0, -1) } })).statusCode).toBe(401);
    }
  });

  it('of 129 characters are refused, with the rule named', async () => {
    const response = await signup(phraseOf(PASSWORD_MAX_LENGTH + 1));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'password', message: 'Use at most 128 characters.' }]);
  });
});
