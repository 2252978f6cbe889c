/**
 * Session theft and stolen passwords: the owner must hear of a sign-in they did not make and be
 * able to throw the intruder out.
 *
 * Requirement (issue 4, "Alerts and history"): a mail on sign-in from a new device naming the
 * device, the place by IP and the time, with a "this wasn't me" link that signs out everywhere
 * and starts a reset. Known devices get a long-lived HttpOnly SameSite=Lax device cookie
 * (`__Host-` and Secure over HTTPS), storing only its SHA-256. OWASP Authentication Cheat Sheet
 * ("Notify users of ... logins from new devices"); NIST SP 800-63B §7.1 (session secrets).
 */
import { Secret, TOTP } from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { passkeys } from '../../src/server/modules/auth/methods/passkey/passkey.table.js';
import { hashSecret } from '../../src/server/platform/secrets.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';
import { DAY } from '../helpers/test-clock.js';

const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const ANDROID_FIREFOX = 'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0';
const START = new Date('2030-06-01T08:30:00.000Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(START);
});
afterAll(async () => {
  await t.close();
});

interface From {
  ip?: string;
  userAgent?: string;
  /** Cookie header: device and/or session cookies. */
  cookie?: string;
  headers?: Record<string, string>;
}

function login(user: TestUser, from: From = {}, route = '/api/v1/auth/login') {
  const headers = { ...from.headers, ...(from.userAgent ? { 'user-agent': from.userAgent } : {}) };
  return t.request('POST', route, {
    body: { email: user.email, password: user.password },
    headers,
    ...(from.ip ? { ip: from.ip } : {}),
    ...(from.cookie ? { cookie: from.cookie } : {}),
  });
}

function deviceCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('wg_device') && c.value);
  if (!cookie) throw new Error(`no device cookie in ${response.statusCode} ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

async function alertsTo(email: string) {
  return (await t.mail()).filter((m) => m.to === email && /new sign-in/i.test(m.subject));
}

/** The "this wasn't me" tokens of the alerts mailed to `email`, newest first. */
async function notMeTokens(email: string): Promise<string[]> {
  return (await t.mail()).flatMap((m) => (m.to === email ? [/\/not-me\?token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1]].filter((x): x is string => !!x) : []));
}

/**
 * An owner who signed in a day ago, and an intruder with the password signing in from a phone
 * at `ip`: the intruder's session cookie and the "this wasn't me" token of the alert it raised.
 */
async function intrusion(ip: string) {
  const owner = await t.createUser();
  await t.signIn(owner);
  t.clock.advance(DAY);
  const intruder = sessionCookieOf(await login(owner, { ip, userAgent: ANDROID_FIREFOX }))!;
  const [token] = await notMeTokens(owner.email);
  return { owner, intruder, token: token! };
}

async function deviceRows(userId: string) {
  return t.platform.db.query.knownDevices.findMany({ where: (d, { eq }) => eq(d.userId, userId) });
}

describe('the device cookie', () => {
  it('is a random 256-bit HttpOnly, SameSite=Lax cookie for a year, stored only as its SHA-256', async () => {
    const user = await t.createUser();
    const response = await login(user, { ip: '198.51.100.10', userAgent: MAC_CHROME });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'wg_device')!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 365 * 86_400 });
    expect(cookie.domain).toBeUndefined();
    const rows = await deviceRows(user.id);
    expect(rows.map((r) => r.tokenHash)).toContain(hashSecret(cookie.value));
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
  });

  it('is named __Host- and Secure when the app is served over HTTPS', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://workgate.example' } });
    try {
      const user = await secure.createUser();
      const response = await secure.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
      const cookie = response.cookies.find((c) => c.name.endsWith('wg_device'))!;
      expect(cookie.name).toBe('__Host-wg_device');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.domain).toBeUndefined();
    } finally {
      await secure.close();
    }
  });

  it('native apps get the device token in the X-Device-Token header, never a cookie', async () => {
    const user = await t.createUser();
    const first = await login(user, { ip: '198.51.100.11', userAgent: 'Workgate-iOS/2.1' }, '/api/v1/auth/token');
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    const token = String(first.headers['x-device-token']);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The device token rides in the header only; the body is the token answer (refreshToken added since).
    expect(Object.keys(first.json()).sort()).toEqual(['expiresAt', 'refreshToken', 'token', 'user']);
    expect(Object.values(first.json())).not.toContain(token);
    const second = await login(user, { ip: '198.51.100.12', userAgent: 'Workgate-iOS/2.1', headers: { 'x-device-token': token } }, '/api/v1/auth/token');
    expect(second.headers['x-device-token']).toBe(token);
    expect(await alertsTo(user.email)).toHaveLength(1);
  });
});

describe('the new-device mail', () => {
  it('names the device, the IP and the time, and carries a "this wasn\'t me" link', async () => {
    const user = await t.createUser({ name: 'Alerted Owner' });
    t.clock.advance(DAY);
    const at = t.clock.now();
    expect((await login(user, { ip: '203.0.113.50', userAgent: MAC_CHROME })).statusCode).toBe(200);
    const [mail, ...others] = await alertsTo(user.email);
    expect(others).toHaveLength(0);
    expect(mail!.subject).toBe('New sign-in to your Workgate account');
    expect(mail!.text).toContain('Chrome on macOS');
    expect(mail!.text).toContain('203.0.113.50');
    expect(mail!.text).toContain(at.toUTCString());
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/not-me\?token=[A-Za-z0-9_-]{43}/);
    expect(mail!.text).not.toContain(user.password);
    const audit = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq, and }) => and(eq(e.userId, user.id), eq(e.event, 'new_device_signed_in')) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ip: '203.0.113.50', details: { device: 'Chrome on macOS', client: 'browser' } });
  });

  it('is not sent for a known device, wherever it signs in from', async () => {
    const user = await t.createUser();
    const laptop = deviceCookieOf(await login(user, { ip: '203.0.113.51', userAgent: MAC_CHROME }));
    expect(await alertsTo(user.email)).toHaveLength(1);
    expect((await login(user, { ip: '192.0.2.140', userAgent: MAC_CHROME, cookie: laptop })).statusCode).toBe(200);
    expect((await login(user, { ip: '192.0.2.141', userAgent: ANDROID_FIREFOX, cookie: laptop })).statusCode).toBe(200);
    expect(await alertsTo(user.email)).toHaveLength(1);
  });

  it('is not sent for the browser that confirmed the account, nor for it after its cookies were cleared', async () => {
    // createUser() confirms the address from 127.0.0.1 with light-my-request's User-Agent.
    const user = await t.createUser();
    await t.signIn(user);
    await t.signIn(user);
    expect(await alertsTo(user.email)).toHaveLength(0);
  });

  it('is sent again for each new device, and each mail has its own working link', async () => {
    const user = await t.createUser();
    await login(user, { ip: '203.0.113.52', userAgent: MAC_CHROME });
    await login(user, { ip: '203.0.113.53', userAgent: ANDROID_FIREFOX });
    const mails = await alertsTo(user.email);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain('Firefox on Android');
    const tokens = mails.map((m) => /\/not-me\?token=([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
    expect(new Set(tokens).size).toBe(2);
    // The older mail's link still works after the newer mail went out.
    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token: tokens[1] } })).statusCode).toBe(200);
  });

  it('follows a login completed with a second factor, which also remembers the device', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
    const code = (steps = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + steps * 30_000 });
    expect((await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: code() } })).statusCode).toBe(200);

    const first = await login(user, { ip: '203.0.113.54', userAgent: ANDROID_FIREFOX });
    expect(first.json().mfaRequired).toBe(true);
    expect(first.cookies.find((c) => c.name.endsWith('wg_device'))).toBeUndefined();
    expect(await alertsTo(user.email)).toHaveLength(0);
    t.clock.advance(30_000);
    const second = await t.request('POST', '/api/v1/auth/login/mfa', {
      body: { challenge: first.json().challenge, method: 'totp', code: code() },
      ip: '203.0.113.54',
      headers: { 'user-agent': ANDROID_FIREFOX },
    });
    expect(second.statusCode).toBe(200);
    expect(sessionCookieOf(second)).toBeDefined();
    const device = deviceCookieOf(second);
    expect(await alertsTo(user.email)).toHaveLength(1);

    // The next two-step login from that device, elsewhere, is from a known device: no mail.
    t.clock.advance(60_000);
    const again = await login(user, { ip: '192.0.2.150', userAgent: ANDROID_FIREFOX, cookie: device });
    expect(again.json().mfaRequired).toBe(true);
    const done = await t.request('POST', '/api/v1/auth/login/mfa', {
      body: { challenge: again.json().challenge, method: 'totp', code: code() },
      ip: '192.0.2.150',
      cookie: device,
      headers: { 'user-agent': ANDROID_FIREFOX },
    });
    expect(done.statusCode).toBe(200);
    expect(deviceCookieOf(done)).toBe(device);
    expect(await alertsTo(user.email)).toHaveLength(1);
  });
});

describe('"this wasn\'t me"', () => {
  it('signs out everywhere, forgets every device, and mails a password reset link', async () => {
    const owner = await t.createUser();
    const ownerBrowser = await t.signIn(owner);
    const ownerApp = (await login(owner, {}, '/api/v1/auth/token')).json().token as string;
    const intruder = await login(owner, { ip: '203.0.113.99', userAgent: ANDROID_FIREFOX });
    const intruderSession = sessionCookieOf(intruder)!;
    const intruderDevice = deviceCookieOf(intruder);
    const token = await t.tokenFromMail(owner.email, '/not-me');

    const response = await t.request('POST', '/api/v1/auth/not-me', { body: { token } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });

    for (const auth of [{ cookie: ownerBrowser }, { cookie: intruderSession }, { bearer: ownerApp }]) {
      expect((await t.request('GET', '/api/v1/auth/session', auth)).statusCode).toBe(401);
    }
    expect(await deviceRows(owner.id)).toHaveLength(0);
    const resetToken = await t.tokenFromMail(owner.email, '/reset-password');
    expect(resetToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The intruder's device is unknown again: no exemption from the lockout.
    for (let i = 1; i <= 5; i++) {
      await t.request('POST', '/api/v1/auth/login', { body: { email: owner.email, password: `wrong guess ${i} abc` }, ip: '203.0.113.98' });
    }
    const locked = await t.request('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password }, cookie: intruderDevice });
    expect(locked.statusCode).toBe(423);

    const again = await t.request('POST', '/api/v1/auth/not-me', { body: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
    const events = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, owner.id) });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['new_device_signed_in', 'not_me_reported', 'password_reset_requested']));
  });

  it('stops the known password, and holds what was set up since for review without lowering the factors', async () => {
    const owner = await t.createUser();
    const ownerCookie = await t.signIn(owner);
    expect((await t.request('POST', '/api/v1/account/mfa/email', { cookie: ownerCookie })).statusCode).toBe(200);
    t.clock.advance(DAY);

    // The intruder has the password and, this time, the mailbox too: they pass the code step.
    const phone = { ip: '203.0.113.77', headers: { 'user-agent': ANDROID_FIREFOX } };
    const first = await login(owner, { ip: phone.ip, userAgent: ANDROID_FIREFOX });
    const { challenge } = first.json();
    expect((await t.request('POST', '/api/v1/auth/login/mfa/send', { ...phone, body: { challenge, method: 'email_code' } })).statusCode).toBe(202);
    const codeMail = (await t.mail()).find((m) => m.to === owner.email && /security code is \d{6}/.test(m.text))!;
    const code = /security code is (\d{6})/.exec(codeMail.text)![1];
    const second = await t.request('POST', '/api/v1/auth/login/mfa', { ...phone, body: { challenge, method: 'email_code', code } });
    expect(second.statusCode).toBe(200);
    const intruder = sessionCookieOf(second)!;

    // A way back in: their own authenticator app, and recovery codes only they have seen.
    t.clock.advance(60_000);
    const setup = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie: intruder })).json();
    const totpCode = TOTP.generate({ secret: Secret.fromBase32(setup.secret), timestamp: t.clock.now().getTime() });
    expect((await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie: intruder, body: { code: totpCode } })).statusCode).toBe(200);
    const codes = await t.request('POST', '/api/v1/account/mfa/recovery-codes', { cookie: intruder });
    expect(codes.statusCode).toBe(200);
    const intruderRecoveryCode = codes.json().recoveryCodes[0] as string;

    const [token] = await notMeTokens(owner.email);
    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token } })).statusCode).toBe(200);

    // The password the intruder knows no longer signs anyone in.
    const refused = await login(owner, { ip: '203.0.113.78', userAgent: ANDROID_FIREFOX });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('password_reset_required');

    // The owner chooses a new password from the mailed link. Nothing was removed: the report
    // cannot tell the owner's methods from the intruder's, and removing one would let the
    // mailbox alone sign in. What was added since stays a second step, for the owner to review.
    const resetToken = await t.tokenFromMail(owner.email, '/reset-password');
    const newPassword = 'a brand new passphrase for spring 2031';
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token: resetToken, password: newPassword } })).statusCode).toBe(200);
    const again = await login({ ...owner, password: newPassword });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['email_code', 'totp', 'recovery_code']) });
    // The intruder's recovery code is worth nothing without the password only the mailbox could set.
    expect(intruderRecoveryCode).toMatch(/\S/);

    const reported = await t.platform.db.query.auditEvents.findFirst({
      where: (e, { and, eq }) => and(eq(e.userId, owner.id), eq(e.event, 'not_me_reported')),
    });
    expect(reported?.details).toMatchObject({ heldMethods: ['totp', 'recovery_code'], heldProviders: [] });
  });

  it('keeps SMS codes turned on since as a second step: the reset alone never signs in past one', async () => {
    const { owner, intruder, token } = await intrusion('203.0.113.66');

    t.clock.advance(60_000);
    expect((await t.request('POST', '/api/v1/account/phone', { cookie: intruder, body: { phone: '07700 100777', country: 'GB' } })).statusCode).toBe(202);
    await t.platform.sms.drain();
    const text = t.platform.sms.outbox().find((m) => m.to === '+447700100777')!;
    const code = / is (\d{6})\./.exec(text.body)![1];
    expect((await t.request('POST', '/api/v1/account/phone/verify', { cookie: intruder, body: { code } })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/v1/account/mfa/sms', { cookie: intruder })).statusCode).toBe(200);

    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token } })).statusCode).toBe(200);
    const resetToken = await t.tokenFromMail(owner.email, '/reset-password');
    const newPassword = 'another fresh passphrase for autumn 2031';
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token: resetToken, password: newPassword } })).statusCode).toBe(200);
    // Whoever turned SMS codes on (the owner or the intruder), the password from the mailbox
    // is not enough; an owner who cannot receive the code reaches support.
    const again = await login({ ...owner, password: newPassword });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['sms_code']) });
    expect(again.json().methods).not.toContain('email_code');
    expect(sessionCookieOf(again)).toBeUndefined();
    const reported = await t.platform.db.query.auditEvents.findFirst({
      where: (e, { and, eq }) => and(eq(e.userId, owner.id), eq(e.event, 'not_me_reported')),
    });
    expect(reported?.details).toMatchObject({ heldMethods: expect.arrayContaining(['sms_code']) });
  });

  it("gives the owner's address back when the intruder changed it, and mails the reset link there", async () => {
    const { owner, intruder, token } = await intrusion('203.0.113.55');
    const theirs = `taken-over-${owner.id.slice(0, 8)}@example.net`;
    expect((await t.request('POST', '/api/v1/account/email', { cookie: intruder, body: { newEmail: theirs } })).statusCode).toBe(202);
    const change = await t.tokenFromMail(theirs, '/confirm-email-change');
    expect((await t.request('POST', '/api/v1/account/email/confirm', { body: { token: change } })).statusCode).toBe(200);

    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token } })).statusCode).toBe(200);
    const account = await t.platform.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, owner.id) });
    expect(account?.email).toBe(owner.email.toLowerCase());
    expect(await t.tokenFromMail(owner.email, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await t.mail()).filter((m) => m.to === theirs && /reset/i.test(m.subject))).toHaveLength(0);
  });

  it('still throws the intruder out when their address change cannot be undone, and mails them no reset link', async () => {
    const { owner, intruder, token } = await intrusion('203.0.113.56');
    const theirs = `kept-${owner.id.slice(0, 8)}@example.net`;
    expect((await t.request('POST', '/api/v1/account/email', { cookie: intruder, body: { newEmail: theirs } })).statusCode).toBe(202);
    const change = await t.tokenFromMail(theirs, '/confirm-email-change');
    expect((await t.request('POST', '/api/v1/account/email/confirm', { body: { token: change } })).statusCode).toBe(200);
    // Meanwhile someone confirms a new account with the address the owner had.
    await t.createUser({ email: owner.email });

    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token } })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: intruder })).statusCode).toBe(401);
    expect((await t.mail()).filter((m) => m.to === theirs && /\/reset-password\?token=/.test(m.text))).toHaveLength(0);
    const reported = await t.platform.db.query.auditEvents.findFirst({
      where: (e, { and, eq }) => and(eq(e.userId, owner.id), eq(e.event, 'not_me_reported')),
    });
    expect(reported?.details).toMatchObject({ addressRestored: false });
  });

  it('holds what was set up since the oldest unused alert, whichever alert the owner reports', async () => {
    const owner = await t.createUser();
    await t.signIn(owner);
    t.clock.advance(DAY);
    const intruder = sessionCookieOf(await login(owner, { ip: '203.0.113.44', userAgent: ANDROID_FIREFOX }))!;
    t.clock.advance(60_000);
    const setup = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie: intruder })).json();
    const totpCode = TOTP.generate({ secret: Secret.fromBase32(setup.secret), timestamp: t.clock.now().getTime() });
    expect((await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie: intruder, body: { code: totpCode } })).statusCode).toBe(200);
    // A later sign-in of theirs, from another browser, makes a newer alert.
    t.clock.advance(60 * 60_000);
    const later = await login(owner, { ip: '203.0.113.45', userAgent: MAC_CHROME });
    expect(later.json().mfaRequired).toBe(true);
    const laterCode = TOTP.generate({ secret: Secret.fromBase32(setup.secret), timestamp: t.clock.now().getTime() });
    const second = await t.request('POST', '/api/v1/auth/login/mfa', {
      ip: '203.0.113.45',
      headers: { 'user-agent': MAC_CHROME },
      body: { challenge: later.json().challenge, method: 'totp', code: laterCode },
    });
    expect(second.statusCode).toBe(200);
    const alerts = await notMeTokens(owner.email);
    expect(alerts).toHaveLength(2);
    const [newest, older] = alerts;

    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token: newest } })).statusCode).toBe(200);
    const reported = await t.platform.db.query.auditEvents.findFirst({
      where: (e, { and, eq }) => and(eq(e.userId, owner.id), eq(e.event, 'not_me_reported')),
    });
    expect(reported?.details).toMatchObject({ heldMethods: expect.arrayContaining(['totp']) });
    // The older alert's link was used up with it.
    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token: older } })).statusCode).toBe(400);
  });

  it('mails the reset link even when the hour\'s reset mails were spent in advance', async () => {
    const owner = await t.createUser();
    await t.signIn(owner);
    t.clock.advance(DAY);
    await login(owner, { ip: '203.0.113.33', userAgent: ANDROID_FIREFOX });
    const token = await t.tokenFromMail(owner.email, '/not-me');
    for (let i = 0; i < 6; i++) await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: owner.email }, ip: `203.0.113.${100 + i}` });
    const resetMails = async () => (await t.mail()).filter((m) => m.to === owner.email && /\/reset-password\?token=/.test(m.text)).length;
    const before = await resetMails();
    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token } })).statusCode).toBe(200);
    expect(await resetMails()).toBe(before + 1);
  });

  it('also holds what another instance, its clock a little behind, stamped just before the alert', async () => {
    const owner = await t.createUser();
    await t.signIn(owner);
    t.clock.advance(DAY);
    await login(owner, { ip: '203.0.113.22', userAgent: ANDROID_FIREFOX });
    const token = await t.tokenFromMail(owner.email, '/not-me');
    const alert = await t.platform.db.query.userTokens.findFirst({ where: (u, { and, eq }) => and(eq(u.userId, owner.id), eq(u.purpose, 'not_me')) });
    // A passkey registered through an instance whose clock runs 30 seconds behind.
    const skewed = new Date(alert!.createdAt.getTime() - 30_000);
    await t.platform.db.insert(passkeys).values({
      id: randomUUID(),
      userId: owner.id,
      credentialId: randomUUID(),
      publicKey: new Uint8Array([1, 2, 3]),
      counter: 0,
      transports: [],
      deviceType: 'singleDevice',
      backedUp: false,
      name: 'Passkey',
      createdAt: skewed,
    });

    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token } })).statusCode).toBe(200);
    const held = await t.platform.db.query.passkeys.findFirst({ where: (p, { eq }) => eq(p.userId, owner.id) });
    expect(held?.heldAt).toEqual(t.clock.now());
  });

  it('the link expires after 7 days', async () => {
    const owner = await t.createUser();
    await login(owner, { ip: '203.0.113.97', userAgent: MAC_CHROME });
    const token = await t.tokenFromMail(owner.email, '/not-me');
    t.clock.advance(7 * DAY + 1000);
    const response = await t.request('POST', '/api/v1/auth/not-me', { body: { token } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_token');
  });
});
