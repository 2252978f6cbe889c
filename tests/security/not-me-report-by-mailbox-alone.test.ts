/**
 * A mailbox alone must not take over an account that has two-step verification.
 *
 * Requirement: OWASP ASVS 5.0 6.4.3 (a recovery path must not lower the factors an account
 * needs; "this wasn't me" ends in a mailed reset link, so whoever reads the mailbox can use
 * it). Threat: the owner signs in on a new device (the alert mail carries a "this wasn't me"
 * link valid 7 days), then turns on an authenticator app or adds a passkey. Someone who can
 * read the mailbox opens the old link, chooses a password through the reset link that
 * follows, and signs in. The report holds what was set up since the alert for the owner's
 * review instead of removing it: second-step methods stay required, and passkeys and
 * providers connected since stop signing in alone until the owner keeps them.
 */
import { Secret, TOTP } from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { createTestApp, ORIGIN, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';
import { DAY, MINUTE } from '../helpers/test-clock.js';

const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const NEW_PASSWORD = 'chosen by whoever reads the mailbox 2031';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ redis: true });
  t.clock.set(new Date('2031-02-01T09:00:00.000Z'));
});
afterAll(async () => {
  await t.close();
});

function login(user: Pick<TestUser, 'email' | 'password'>, route = '/api/v1/auth/login') {
  return t.request('POST', route, { body: { email: user.email, password: user.password } });
}

/** The owner signs in on a new laptop: the alert with its "this wasn't me" link is mailed. Answers that session. */
async function ownerOnNewLaptop(owner: TestUser): Promise<string> {
  t.clock.advance(DAY);
  const laptop = await t.request('POST', '/api/v1/auth/login', {
    body: { email: owner.email, password: owner.password },
    ip: '198.51.100.20',
    headers: { 'user-agent': MAC_CHROME },
  });
  expect(laptop.statusCode).toBe(200);
  return sessionCookieOf(laptop)!;
}

async function turnOnAuthenticator(cookie: string): Promise<Secret> {
  const setup = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
  const secret = Secret.fromBase32(setup.secret);
  const confirm = await t.request('POST', '/api/v1/account/mfa/totp/confirm', {
    cookie,
    body: { code: TOTP.generate({ secret, timestamp: t.clock.now().getTime() }) },
  });
  expect(confirm.statusCode).toBe(200);
  return secret;
}

/** What someone who reads the mailbox can do: report, then reset the password from the mailed link. */
async function reportAndResetFromMailbox(owner: TestUser): Promise<TestUser> {
  t.clock.advance(3 * DAY);
  // The alert is not the newest mail: the set-up that followed it was mailed too.
  const alert = (await t.mail()).find((m) => m.to === owner.email && /\/not-me\?token=/.test(m.text))!;
  const notMe = /\/not-me\?token=([A-Za-z0-9_-]+)/.exec(alert.text)![1];
  expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token: notMe } })).statusCode).toBe(200);
  const reset = await t.tokenFromMail(owner.email, '/reset-password');
  expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token: reset, password: NEW_PASSWORD } })).statusCode).toBe(200);
  return { ...owner, password: NEW_PASSWORD };
}

function expectNoSession(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(200);
  expect(response.json()).toMatchObject({ mfaRequired: true });
  expect(response.json().token).toBeUndefined();
  expect(sessionCookieOf(response)).toBeUndefined();
}

describe('"this wasn\'t me" opened by someone who reads the mailbox', () => {
  it('does not remove an authenticator app set up after the alert: the reset password alone signs no one in', async () => {
    const owner = await t.createUser();
    await t.signIn(owner);
    const laptop = await ownerOnNewLaptop(owner);
    t.clock.advance(10 * MINUTE);
    const secret = await turnOnAuthenticator(laptop);

    const withMailbox = await reportAndResetFromMailbox(owner);

    // Browser and app logins with the password chosen from the mailbox stop at the second step.
    const browser = await login(withMailbox);
    expectNoSession(browser);
    expect(browser.json().methods).toContain('totp');
    expectNoSession(await login(withMailbox, '/api/v1/auth/token'));
    // A mailed code is no way around it: the account never had email codes.
    const send = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge: browser.json().challenge, method: 'email_code' } });
    expect(send.statusCode).toBe(400);
    expect(send.json().code).toBe('method_not_available');

    // The owner, with the new password and the authenticator, gets in.
    t.clock.advance(MINUTE);
    const code = TOTP.generate({ secret, timestamp: t.clock.now().getTime() });
    const done = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: browser.json().challenge, method: 'totp', code } });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.id).toBe(owner.id);

    const reported = await t.platform.db.query.auditEvents.findFirst({
      where: (e, { and, eq }) => and(eq(e.userId, owner.id), eq(e.event, 'not_me_reported')),
    });
    expect(reported?.details).toMatchObject({ heldMethods: expect.arrayContaining(['totp', 'recovery_code']) });
  });

  it('holds a passkey added after the alert: it answers the second step, but signs in alone only once the owner keeps it', async () => {
    const owner = await t.createUser();
    await t.signIn(owner);
    const laptop = await ownerOnNewLaptop(owner);
    t.clock.advance(10 * MINUTE);
    const device = new SoftAuthenticator(ORIGIN);
    const options = (await t.request('POST', '/api/v1/account/passkeys/options', { cookie: laptop })).json();
    const added = await t.request('POST', '/api/v1/account/passkeys', { cookie: laptop, body: { response: device.register(options) } });
    expect(added.statusCode).toBe(201);
    const passkeyId = added.json().passkey.id as string;

    const withMailbox = await reportAndResetFromMailbox(owner);
    const step = await login(withMailbox);
    expectNoSession(step);
    expect(step.json().methods).toContain('passkey');

    // Alone, the held passkey signs no one in: it may as well be an intruder's.
    const passkeyAlone = async () => {
      const ceremony = await t.request('POST', '/api/v1/auth/passkey/options', {});
      const cookie = ceremony.cookies.find((c) => c.name.endsWith('wg_passkey'))!;
      return t.request('POST', '/api/v1/auth/passkey/login', {
        cookie: `${cookie.name}=${cookie.value}`,
        body: { response: device.assert(ceremony.json()) },
      });
    };
    const refused = await passkeyAlone();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('sign_in_method_held');

    // The owner completes the second step with it, sees it on hold, and keeps it.
    const factorOptions = (await t.request('POST', '/api/v1/auth/login/mfa/passkey/options', { origin: ORIGIN, body: { challenge: step.json().challenge } })).json();
    const done = await t.request('POST', '/api/v1/auth/login/mfa', {
      origin: ORIGIN,
      body: { challenge: step.json().challenge, method: 'passkey', code: JSON.stringify(device.assert(factorOptions)) },
    });
    expect(done.statusCode).toBe(200);
    const cookie = sessionCookieOf(done)!;
    const listed = (await t.request('GET', '/api/v1/account/passkeys', { cookie })).json().passkeys;
    expect(listed).toEqual([expect.objectContaining({ id: passkeyId, held: true })]);

    // Another account cannot keep it for them.
    const stranger = await t.createUser();
    const strangerCookie = await t.signIn(stranger);
    expect((await t.request('POST', `/api/v1/account/passkeys/${passkeyId}/keep`, { cookie: strangerCookie })).statusCode).toBe(404);

    const kept = await t.request('POST', `/api/v1/account/passkeys/${passkeyId}/keep`, { cookie });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().passkey).toMatchObject({ id: passkeyId, held: false });
    expect((await passkeyAlone()).statusCode).toBe(200);
    // Keeping is done once; a second time there is nothing on hold.
    expect((await t.request('POST', `/api/v1/account/passkeys/${passkeyId}/keep`, { cookie })).statusCode).toBe(404);
  });

  it('leaves methods the account had before the alert exactly as they were', async () => {
    const owner = await t.createUser();
    const before = await t.signIn(owner);
    const secret = await turnOnAuthenticator(before);
    // The laptop's sign-in passes the authenticator too; its alert carries the link.
    t.clock.advance(DAY);
    const laptop = await t.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
      ip: '198.51.100.21',
      headers: { 'user-agent': MAC_CHROME },
    });
    const laptopCode = TOTP.generate({ secret, timestamp: t.clock.now().getTime() });
    const laptopDone = await t.request('POST', '/api/v1/auth/login/mfa', {
      ip: '198.51.100.21',
      headers: { 'user-agent': MAC_CHROME },
      body: { challenge: laptop.json().challenge, method: 'totp', code: laptopCode },
    });
    expect(laptopDone.statusCode).toBe(200);

    const withMailbox = await reportAndResetFromMailbox(owner);
    const step = await login(withMailbox);
    expectNoSession(step);
    t.clock.advance(MINUTE);
    const code = TOTP.generate({ secret, timestamp: t.clock.now().getTime() });
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: step.json().challenge, method: 'totp', code } })).statusCode).toBe(200);
    const reported = await t.platform.db.query.auditEvents.findFirst({
      where: (e, { and, eq }) => and(eq(e.userId, owner.id), eq(e.event, 'not_me_reported')),
    });
    expect(reported?.details).toMatchObject({ heldMethods: [] });
  });
});
