/**
 * A password alone, from a device and a network the account has never used.
 *
 * Requirement: OWASP ASVS 5.0 6.3.3 (accounts without a second factor get extra checks on
 * risky sign-ins), as GitHub's device verification and Upwork's checks of high-risk sign-ins
 * do. Threat: a password phished, guessed or reused from another site's breach signs in from
 * anywhere. An account without a second step that signs in from an unknown device on a new
 * network must also enter a code mailed to its address, in the second step's shape clients
 * already handle. The session stays at one factor (a mailed code is not an authenticator).
 */
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/server/modules/sessions/sessions.table.js';
import { hashSecret } from '../../src/server/platform/secrets.js';
import { enrolTotpFor } from '../helpers/admin.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';

const FAR_AWAY = '198.51.100.77';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES: 'true' } });
});
afterAll(async () => {
  await t.close();
});

const login = (user: Pick<TestUser, 'email' | 'password'>, ip: string, extra: { cookie?: string; route?: string } = {}) =>
  t.request('POST', extra.route ?? '/api/v1/auth/login', {
    body: { email: user.email, password: user.password },
    ip,
    ...(extra.cookie ? { cookie: extra.cookie } : {}),
  });

async function mailedCode(email: string): Promise<string> {
  const mail = await t.lastMailTo(email);
  const code = /(\d{6})/.exec(mail?.text ?? '')?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

function deviceCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('wg_device') && c.value)!;
  return `${cookie.name}=${cookie.value}`;
}

async function aalOf(cookie: string) {
  const [row] = await t.platform.db.select().from(sessions).where(eq(sessions.tokenHash, hashSecret(cookie.split('=')[1]!)));
  return row?.aal;
}

describe('a correct password from a new device on a new network', () => {
  it('asks for a code mailed to the account, then signs in at one factor; the device is known afterwards', async () => {
    const user = await t.createUser();
    const first = await login(user, FAR_AWAY);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mfaRequired: true, methods: ['email_code'] });
    expect(sessionCookieOf(first)).toBeUndefined();
    expect((await t.lastMailTo(user.email))?.text).toMatch(/\d{6}/);

    // Only the mailed code answers it.
    const other = await t.request('POST', '/api/v1/auth/login/mfa', { ip: FAR_AWAY, body: { challenge: first.json().challenge, method: 'totp', code: '123456' } });
    expect(other.json().code).toBe('method_not_available');
    const done = await t.request('POST', '/api/v1/auth/login/mfa', {
      ip: FAR_AWAY,
      body: { challenge: first.json().challenge, method: 'email_code', code: await mailedCode(user.email) },
    });
    expect(done.statusCode).toBe(200);
    const cookie = sessionCookieOf(done)!;
    expect(await aalOf(cookie)).toBe(1);

    // That browser is known now: its next sign-in goes straight through.
    const again = await login(user, FAR_AWAY, { cookie: deviceCookieOf(done) });
    expect(again.statusCode).toBe(200);
    expect(sessionCookieOf(again)).toBeDefined();
  });

  it('asks apps too, in the same shape, and completes with a bearer token', async () => {
    const user = await t.createUser();
    const first = await login(user, FAR_AWAY, { route: '/api/v1/auth/token' });
    expect(first.json()).toMatchObject({ mfaRequired: true, methods: ['email_code'] });
    expect(first.json().token).toBeUndefined();
    const done = await t.request('POST', '/api/v1/auth/login/mfa', {
      ip: FAR_AWAY,
      body: { challenge: first.json().challenge, method: 'email_code', code: await mailedCode(user.email) },
    });
    expect(done.json().token).toMatch(/\S{40,}/);
  });

  it('does not ask on a network a known device of the account signed in from (the same /24)', async () => {
    // createUser confirms the account from 127.0.0.1: that browser is its first known device.
    const user = await t.createUser();
    const nearby = await login(user, '127.0.0.42');
    expect(nearby.statusCode).toBe(200);
    expect(sessionCookieOf(nearby)).toBeDefined();
  });

  it('mails nothing for a wrong password or an unknown address, which answer the same 401', async () => {
    const user = await t.createUser();
    const before = (await t.mail()).length;
    const wrong = await login({ email: user.email, password: 'not the password at all' }, FAR_AWAY);
    const unknown = await login({ email: `nobody-${user.id}@example.com`, password: 'not the password at all' }, FAR_AWAY);
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().code).toBe(unknown.json().code);
    expect((await t.mail()).length).toBe(before);
  });

  it('leaves accounts with a second step to their own methods', async () => {
    const user = await t.createUser();
    await enrolTotpFor(t, user);
    const first = await login(user, FAR_AWAY);
    expect(first.json().methods).toEqual(expect.arrayContaining(['totp']));
    expect(first.json().methods).not.toContain('email_code');
  });
});

describe('with SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES=false', () => {
  it('a correct password signs in from anywhere, as before', async () => {
    const off = await createTestApp({ env: { SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES: 'false' } });
    try {
      const user = await off.createUser();
      const response = await off.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password }, ip: FAR_AWAY });
      expect(sessionCookieOf(response)).toBeDefined();
    } finally {
      await off.close();
    }
  });
});
