/**
 * Forgotten passwords, as the owner of an account and as someone probing addresses or
 * replaying a reset link see them.
 * Requirements: issue 2 (POST /auth/password/forgot: 202 always, mail with
 * `${PUBLIC_URL}/reset-password?token=…`; POST /auth/password/reset: every session revoked,
 * a "your password was changed" mail, 400 invalid_token, 400 weak_password), ARCHITECTURE.md
 * ("Secrets in links … are single-use, short-lived, random, and stored hashed"; answers never
 * tell whether an email is registered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OTHER_STRONG_PASSWORD, PUBLIC_URL, type TestApp, type TestUser } from './helpers/test-app.js';
import { HOUR, MINUTE } from './helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const forgot = (email: string) => t.request('POST', '/api/v1/auth/password/forgot', { body: { email } });
const reset = (token: string, password: string) =>
  t.request('POST', '/api/v1/auth/password/reset', { body: { token, password } });
const loginStatus = async (email: string, password: string) =>
  (await t.request('POST', '/api/v1/auth/login', { body: { email, password } })).statusCode;

/** Asks for a reset link for `user` and answers the token mailed to them. */
async function resetTokenFor(user: Pick<TestUser, 'email'>): Promise<string> {
  expect((await forgot(user.email)).statusCode).toBe(202);
  return t.tokenFromMail(user.email, '/reset-password');
}

describe('POST /auth/password/forgot', () => {
  it('answers the same 202 for a known and an unknown address, and mails only the known one', async () => {
    const user = await t.createUser();
    const before = (await t.mail()).length;
    const known = await forgot(user.email);
    const unknown = await forgot('nobody-registered@example.com');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);

    const mail = await t.mail();
    expect(mail.length).toBe(before + 1);
    expect(await t.lastMailTo('nobody-registered@example.com')).toBeUndefined();
    const message = await t.lastMailTo(user.email);
    expect(message?.subject).toMatch(/reset/i);
    expect(message?.text).toMatch(new RegExp(`${PUBLIC_URL}/reset-password\\?token=[A-Za-z0-9_-]{43}`));
    expect(message?.html).toContain(`${PUBLIC_URL}/reset-password?token=`);
  });

  it('finds the account whatever the case and spacing of the address', async () => {
    const user = await t.createUser();
    expect((await forgot(`  ${user.email.toUpperCase()} `)).statusCode).toBe(202);
    const token = await t.tokenFromMail(user.email, '/reset-password');
    expect((await reset(token, OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('a newer link voids an older one', async () => {
    const user = await t.createUser();
    const first = await resetTokenFor(user);
    const second = await resetTokenFor(user);
    expect(second).not.toBe(first);
    expect((await reset(first, OTHER_STRONG_PASSWORD)).json().code).toBe('invalid_token');
    expect((await reset(second, OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
  });
});

describe('POST /auth/password/reset', () => {
  it('sets the new password: the old one is refused and the new one accepted', async () => {
    const user = await t.createUser();
    const token = await resetTokenFor(user);
    const response = await reset(token, OTHER_STRONG_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(await loginStatus(user.email, user.password)).toBe(401);
    expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(200);
  });

  it('ends every session of the user, cookie and bearer, on the very next request', async () => {
    const user = await t.createUser();
    const bystander = await t.createUser();
    const cookie = await t.signIn(user, { rememberMe: true });
    const bystanderCookie = await t.signIn(bystander);
    const token = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
    const bearer = token.json().token as string;
    expect((await t.request('GET', '/api/v1/auth/session', { cookie })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/session', { bearer })).statusCode).toBe(200);

    expect((await reset(await resetTokenFor(user), OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/session', { cookie })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/session', { bearer })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/account/sessions', { bearer })).statusCode).toBe(401);
    // Other people are not affected.
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: bystanderCookie })).statusCode).toBe(200);
  });

  it('tells the owner by mail that the password was changed', async () => {
    const user = await t.createUser();
    const token = await resetTokenFor(user);
    expect((await reset(token, OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
    const message = await t.lastMailTo(user.email);
    expect(message?.subject).toMatch(/password was changed/i);
    expect(message?.text).not.toContain(token);
    expect(message?.text).not.toContain(OTHER_STRONG_PASSWORD);
    expect(message?.html).toBeTruthy();
  });

  it('a link works once', async () => {
    const user = await t.createUser();
    const token = await resetTokenFor(user);
    expect((await reset(token, OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
    const again = await reset(token, 'a third strong passphrase here');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
    expect(await loginStatus(user.email, 'a third strong passphrase here')).toBe(401);
    expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(200);
  });

  it('a link expires after one hour', async () => {
    const user = await t.createUser();
    const fresh = await resetTokenFor(user);
    t.clock.advance(HOUR - MINUTE);
    // Still valid just before the hour: a weak password proves the token was accepted.
    expect((await reset(fresh, 'short')).json().code).toBe('weak_password');
    t.clock.advance(2 * MINUTE);
    const late = await reset(fresh, OTHER_STRONG_PASSWORD);
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('invalid_token');
    expect(await loginStatus(user.email, user.password)).toBe(200);
  });

  it('refuses a weak password with 400 weak_password and leaves the link usable', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const token = await resetTokenFor(user);
    for (const weak of ['short', 'password1234', user.email]) {
      const response = await reset(token, weak);
      expect(response.statusCode, weak).toBe(400);
      const body = response.json();
      expect(body.code).toBe('weak_password');
      expect(body.errors[0].path).toBe('password');
    }
    // Nothing changed: old password and session still work.
    expect(await loginStatus(user.email, user.password)).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/session', { cookie })).statusCode).toBe(200);
    // The same link still works with a good password.
    expect((await reset(token, OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
    expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(200);
  });

  it('answers 400 invalid_token for unknown and malformed tokens, never a 500', async () => {
    for (const token of ['A'.repeat(43), 'x', 'not a token', '../../etc/passwd', "' OR 1=1 --"]) {
      const response = await reset(token, OTHER_STRONG_PASSWORD);
      expect(response.statusCode, token).toBe(400);
      expect(response.json().code, token).toBe('invalid_token');
    }
  });

  it('does not accept an email verification token as a reset token', async () => {
    const email = `unverified-${Date.now()}@example.com`;
    await t.request('POST', '/api/v1/auth/signup', { body: { email, password: 'pending passphrase for reset', name: 'U', role: 'client' } });
    const verification = await t.tokenFromMail(email, '/verify-email');
    const response = await reset(verification, OTHER_STRONG_PASSWORD);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_token');
  });
});
