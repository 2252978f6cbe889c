/**
 * An old verification link must not sign in past two-step verification, a suspension or a
 * forced reset.
 *
 * Requirement: OWASP ASVS 5.0 6.3.4 (every path to a session applies the same checks) and
 * 7.2.x (a session only after full authentication). Threat: a sign-up confirmation link sits
 * unused in a mailbox for up to 24 hours. Meanwhile the address is verified another way (a
 * password reset proves the mailbox) and the account turns on an authenticator; or the
 * unverified account is suspended. The link then still signed the browser in at one factor.
 * Now a link works only for the first confirmation, every other confirmation voids it, and
 * the sign-in it gives goes through the checks of a login.
 */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspensions } from '../../src/server/modules/admin/admin.table.js';
import { users } from '../../src/server/modules/accounts/accounts.table.js';
import { enrolTotpFor } from '../helpers/admin.js';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const verify = (token: string) => t.request('POST', '/api/v1/auth/email/verify', { body: { token } });

/** An account whose sign-up link was mailed and not used yet; answers the user and that link. */
async function unconfirmed() {
  const user = await t.createUser({ verified: false });
  return { user, link: await t.tokenFromMail(user.email, '/verify-email') };
}

describe('a sign-up confirmation link', () => {
  it('is void once a password reset has verified the address, and never signs in past the authenticator turned on since', async () => {
    const { user, link } = await unconfirmed();
    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const reset = await t.tokenFromMail(user.email, '/reset-password');
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token: reset, password: user.password } })).statusCode).toBe(200);
    await enrolTotpFor(t, user);

    const response = await verify(link);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_token');
    expect(sessionCookieOf(response)).toBeUndefined();
  });

  it('signs in nobody when the account was already verified by any path, even if the link escaped voiding', async () => {
    const { user, link } = await unconfirmed();
    // Verified behind the link's back (e.g. by an instance that has not voided links yet).
    await t.platform.db.update(users).set({ emailVerifiedAt: t.clock.now() }).where(eq(users.id, user.id));
    const response = await verify(link);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_token');
    expect(sessionCookieOf(response)).toBeUndefined();
  });

  it('gives a suspended account no session, as its password login would not', async () => {
    const { user, link } = await unconfirmed();
    await t.platform.db.insert(suspensions).values({
      id: randomUUID(),
      userId: user.id,
      publicReason: 'Spam',
      createdBy: user.id,
      createdAt: t.clock.now(),
    });
    const response = await verify(link);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('account_suspended');
    expect(sessionCookieOf(response)).toBeUndefined();
  });

  it('gives an account waiting for a forced password reset no session', async () => {
    const { user, link } = await unconfirmed();
    await t.platform.db.update(users).set({ mustResetPassword: true }).where(eq(users.id, user.id));
    const response = await verify(link);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('password_reset_required');
    expect(sessionCookieOf(response)).toBeUndefined();
  });

  it('still confirms a new account and signs its browser in, once', async () => {
    const { user, link } = await unconfirmed();
    const first = await verify(link);
    expect(first.statusCode).toBe(200);
    expect(first.json().user).toMatchObject({ id: user.id, emailVerified: true });
    expect(sessionCookieOf(first)).toBeDefined();
    expect((await verify(link)).statusCode).toBe(400);
  });
});
