/**
 * Admin fixtures for API tests: an admin must hold the role (set here straight in the
 * database, as `npm run admin -- grant` would) and a second factor (an authenticator app,
 * enrolled through the API as a person would).
 */
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { users } from '../../src/server/modules/accounts/accounts.table.js';
import { sessionCookieOf, type TestApp, type TestUser } from './test-app.js';

export interface TestAdmin {
  /** A session cookie with a fresh authentication (level 2 once signed in again with the code). */
  cookie: string;
  /** The base32 TOTP secret, to answer later challenges with `totpCode`. */
  secret: string;
}

/** The code an authenticator app shows for `secret` at the app's current time, `steps` steps later. */
export function totpCode(t: TestApp, secret: string, steps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + steps * 30_000 });
}

/** Sets or clears the admin role of a user directly in the database. */
export async function setAdminFlag(t: TestApp, userId: string, isAdmin: boolean): Promise<void> {
  await t.platform.db.update(users).set({ isAdmin }).where(eq(users.id, userId));
}

/** Enrols an authenticator app for `user` through the API; answers the session cookie used and the secret. */
export async function enrolTotpFor(t: TestApp, user: TestUser): Promise<TestAdmin> {
  const cookie = await t.signIn(user);
  const setup = await t.request('POST', '/api/v1/account/mfa/totp', { cookie });
  if (setup.statusCode !== 200) throw new Error(`totp setup failed: ${setup.body}`);
  const { secret } = setup.json() as { secret: string };
  const confirm = await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: totpCode(t, secret) } });
  if (confirm.statusCode !== 200) throw new Error(`totp confirm failed: ${confirm.body}`);
  return { cookie, secret };
}

/** Makes `user` an admin with an authenticator app; answers a cookie fit for admin routes right now. */
export async function makeAdmin(t: TestApp, user: TestUser): Promise<TestAdmin> {
  await setAdminFlag(t, user.id, true);
  return enrolTotpFor(t, user);
}

/**
 * Signs an admin in again with password and authenticator code (a fresh level-2 session),
 * for tests that moved the clock past the step-up window. Advances the clock by 30 s first
 * so the code is not a replay of one already used.
 */
export async function signInAdmin(t: TestApp, user: TestUser, admin: TestAdmin): Promise<string> {
  t.clock.advance(30_000);
  const first = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  const { challenge } = first.json() as { challenge?: string };
  if (!challenge) throw new Error(`expected a second-factor challenge: ${first.body}`);
  const done = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code: totpCode(t, admin.secret) } });
  const cookie = sessionCookieOf(done);
  if (done.statusCode !== 200 || !cookie) throw new Error(`second factor failed: ${done.body}`);
  return cookie;
}
