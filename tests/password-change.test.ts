/**
 * Changing the password while signed in, as the owner and as someone holding only a stolen
 * session (or a forged cross-site form) see it.
 * Requirements: issue 2 (POST /account/password: 200, the user's other sessions revoked;
 * 403 invalid_credentials, 400 weak_password; cookie-authenticated POST without an Origin
 * equal to PUBLIC_URL's origin gets 403 csrf_rejected; bearer requests are not checked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OTHER_STRONG_PASSWORD, type TestApp, type TestUser } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Auth = { cookie?: string; bearer?: string; origin?: string | null };

const changePassword = (auth: Auth, body: Record<string, unknown>) =>
  t.request('POST', '/api/v1/account/password', { ...auth, body });
const sessionStatus = async (auth: Auth) => (await t.request('GET', '/api/v1/auth/session', auth)).statusCode;
const loginStatus = async (email: string, password: string) =>
  (await t.request('POST', '/api/v1/auth/login', { body: { email, password } })).statusCode;

async function bearerFor(user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  return (await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } })).json().token;
}

/** Asserts that the account still has its old password and its sessions. */
async function expectUnchanged(user: TestUser, sessions: Auth[]): Promise<void> {
  expect(await loginStatus(user.email, user.password)).toBe(200);
  expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(401);
  for (const auth of sessions) expect(await sessionStatus(auth)).toBe(200);
}

describe('POST /account/password', () => {
  it('changes the password, ends the other sessions, keeps the current one and tells the owner', async () => {
    const user = await t.createUser();
    const bystander = await t.createUser();
    const current = await t.signIn(user);
    const otherBrowser = await t.signIn(user, { rememberMe: true });
    const phone = await bearerFor(user);
    const bystanderCookie = await t.signIn(bystander);
    const mailsBefore = (await t.mail()).length;

    const response = await changePassword({ cookie: current }, { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });

    expect(await sessionStatus({ cookie: current })).toBe(200);
    expect(await sessionStatus({ cookie: otherBrowser })).toBe(401);
    expect(await sessionStatus({ bearer: phone })).toBe(401);
    expect(await sessionStatus({ cookie: bystanderCookie })).toBe(200);
    const listed = (await t.request('GET', '/api/v1/account/sessions', { cookie: current })).json().sessions;
    expect(listed).toHaveLength(1);
    expect(listed[0].current).toBe(true);

    expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(200);
    expect(await loginStatus(user.email, user.password)).toBe(401);

    const mail = await t.mail();
    expect(mail.length).toBe(mailsBefore + 1);
    const message = await t.lastMailTo(user.email);
    expect(message?.subject).toMatch(/password was changed/i);
    expect(message?.text).not.toContain(OTHER_STRONG_PASSWORD);
  });

  it('voids a pending reset link, so the old mailbox trail cannot undo the change', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const resetToken = await t.tokenFromMail(user.email, '/reset-password');
    expect((await changePassword({ cookie }, { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD })).statusCode).toBe(200);
    const reset = await t.request('POST', '/api/v1/auth/password/reset', { body: { token: resetToken, password: 'a third strong passphrase here' } });
    expect(reset.json().code).toBe('invalid_token');
    expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(200);
  });

  it('refuses a wrong currentPassword with 403 invalid_credentials and changes nothing', async () => {
    const user = await t.createUser();
    const current = await t.signIn(user);
    const other = await t.signIn(user);
    const mailsBefore = (await t.mail()).length;
    const response = await changePassword({ cookie: current }, { currentPassword: 'not the right passphrase', newPassword: OTHER_STRONG_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('invalid_credentials');
    // A refused attempt does not sign the holder of the session out.
    await expectUnchanged(user, [{ cookie: current }, { cookie: other }]);
    expect((await t.mail()).length).toBe(mailsBefore);
  });

  it('refuses a weak newPassword with 400 weak_password on the newPassword field and changes nothing', async () => {
    const user = await t.createUser();
    const current = await t.signIn(user);
    const other = await t.signIn(user);
    for (const weak of ['short', 'password1234', user.email]) {
      const response = await changePassword({ cookie: current }, { currentPassword: user.password, newPassword: weak });
      expect(response.statusCode, weak).toBe(400);
      const body = response.json();
      expect(body.code).toBe('weak_password');
      expect(body.errors.length).toBeGreaterThan(0);
      for (const error of body.errors) expect(error.path).toBe('newPassword');
    }
    await expectUnchanged(user, [{ cookie: current }, { cookie: other }]);
  });

  it('answers 401 unauthenticated without a session, and after the session was revoked', async () => {
    const anonymous = await changePassword({}, { currentPassword: 'whatever passphrase', newPassword: OTHER_STRONG_PASSWORD });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');

    const user = await t.createUser();
    const cookie = await t.signIn(user);
    expect((await t.request('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(204);
    const stale = await changePassword({ cookie }, { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD });
    expect(stale.statusCode).toBe(401);
    expect(await loginStatus(user.email, user.password)).toBe(200);
  });

  it('with a cookie, requires an Origin equal to the app’s own: 403 csrf_rejected otherwise', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const body = { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD };
    for (const origin of [null, 'https://evil.example', 'http://localhost:3000.evil.example', 'null']) {
      const response = await changePassword({ cookie, origin }, body);
      expect(response.statusCode, String(origin)).toBe(403);
      expect(response.json().code).toBe('csrf_rejected');
    }
    await expectUnchanged(user, [{ cookie }]);
  });

  it('with a bearer token, needs no Origin, and keeps that token alive', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const bearer = await bearerFor(user);
    const response = await changePassword({ bearer, origin: null }, { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(await sessionStatus({ bearer })).toBe(200);
    expect(await sessionStatus({ cookie })).toBe(401);
    expect(await loginStatus(user.email, OTHER_STRONG_PASSWORD)).toBe(200);
  });
});
