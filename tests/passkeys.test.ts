/**
 * Passkeys (WebAuthn) through the API, with a software authenticator: registering several
 * with names, renaming and removing them; signing in with a passkey alone (assurance level 2);
 * a passkey as the second step after a password and as step-up; and the attacks a relying
 * party must refuse — a replayed assertion or challenge, a challenge from another ceremony or
 * browser, another origin or RP ID (phishing), a rewound signature counter (a cloned
 * authenticator), a missing user verification, another account's passkey.
 * Requirements: issue 4 "Passkeys (WebAuthn)" and "Step-up"; WebAuthn Level 3 §7.1
 * (registration) and §7.2 (authentication: challenge, origin, rpIdHash, UP/UV flags,
 * signCount, userHandle); NIST SP 800-63B §4.2 (a multi-factor cryptographic authenticator
 * gives AAL2).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/server/platform/secrets.js';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { sessions } from '../src/server/modules/sessions/sessions.table.js';
import { SoftAuthenticator, type SoftAuthenticatorOptions } from './helpers/soft-authenticator.js';
import { createTestApp, ORIGIN, sessionCookieOf, type TestApp } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

const CHROME_ON_MACOS =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let t: TestApp;
beforeAll(async () => {
  // With services the challenges live in Redis, as they would across several instances.
  t = await createTestApp({ redis: true });
});
afterAll(async () => {
  await t.close();
});

const authenticator = (options?: SoftAuthenticatorOptions) => new SoftAuthenticator(ORIGIN, options);

async function signedInUser() {
  const user = await t.createUser();
  return { user, cookie: await t.signIn(user) };
}

async function registrationOptions(cookie: string) {
  const response = await t.request('POST', '/api/v1/account/passkeys/options', { cookie });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function addPasskey(cookie: string, device: SoftAuthenticator, body: { name?: string } = {}, headers?: Record<string, string>) {
  const response = device.register(await registrationOptions(cookie));
  return t.request('POST', '/api/v1/account/passkeys', { cookie, body: { ...body, response }, ...(headers ? { headers } : {}) });
}

async function listPasskeys(cookie: string) {
  const response = await t.request('GET', '/api/v1/account/passkeys', { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().passkeys as { id: string; name: string; lastUsedAt: string | null }[];
}

/** `name=value` of the passkey ceremony cookie a response set. */
function ceremonyCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('wg_passkey') && c.value);
  if (!cookie) throw new Error('no passkey ceremony cookie');
  return `${cookie.name}=${cookie.value}`;
}

async function loginOptions() {
  const response = await t.request('POST', '/api/v1/auth/passkey/options', {});
  expect(response.statusCode).toBe(200);
  return { options: response.json(), cookie: ceremonyCookieOf(response), response };
}

const passkeyLogin = (cookie: string | undefined, response: unknown, extra: Record<string, unknown> = {}) =>
  t.request('POST', '/api/v1/auth/passkey/login', { ...(cookie ? { cookie } : { origin: ORIGIN }), body: { response, ...extra } });

async function sessionOf(cookie: string) {
  const token = cookie.split('=')[1]!;
  const [row] = await t.platform.db.select().from(sessions).where(eq(sessions.tokenHash, hashSecret(token)));
  return row!;
}

async function lastAudit(userId: string, event: string) {
  const [row] = await t.platform.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), eq(auditEvents.event, event)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

describe('registering passkeys', () => {
  it('offers discoverable-credential options with a stable user handle and the existing passkeys excluded', async () => {
    const { user, cookie } = await signedInUser();
    const first = await registrationOptions(cookie);
    expect(first.rp).toEqual({ name: 'Workgate', id: 'localhost' });
    expect(first.user).toEqual({ id: expect.any(String), name: user.email, displayName: user.name });
    expect(Buffer.from(first.user.id, 'base64url').toString('hex')).toBe(user.id.replaceAll('-', ''));
    expect(first.authenticatorSelection).toMatchObject({ residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    expect(first.attestation).toBe('none');
    expect(first.pubKeyCredParams.map((p: { alg: number }) => p.alg)).toContain(-7);
    expect(first.excludeCredentials).toEqual([]);

    const device = authenticator();
    expect((await t.request('POST', '/api/v1/account/passkeys', { cookie, body: { name: 'Laptop', response: device.register(first) } })).statusCode).toBe(201);
    const second = await registrationOptions(cookie);
    expect(second.user.id).toBe(first.user.id);
    expect(second.challenge).not.toBe(first.challenge);
    expect(second.excludeCredentials).toEqual([{ id: device.id, type: 'public-key', transports: ['internal', 'hybrid'] }]);
  });

  it('registers two named passkeys, lists them, renames one and removes the other', async () => {
    const { user, cookie } = await signedInUser();
    const first = await addPasskey(cookie, authenticator(), { name: 'Work laptop' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    const added = first.json();
    expect(added.passkey).toEqual({
      id: expect.any(String),
      name: 'Work laptop',
      createdAt: t.clock.now().toISOString(),
      lastUsedAt: null,
      deviceType: 'multiDevice',
      backedUp: true,
      held: false,
    });
    // The first passkey turns on the second step, so it comes with recovery codes.
    expect(added.recoveryCodes).toHaveLength(10);
    t.clock.advance(1000);
    const second = await addPasskey(cookie, authenticator({ synced: false, attachment: 'cross-platform', transports: ['usb'] }), { name: 'YubiKey' });
    expect(second.statusCode).toBe(201);
    expect(second.json().recoveryCodes).toEqual([]);
    expect(second.json().passkey).toMatchObject({ name: 'YubiKey', deviceType: 'singleDevice', backedUp: false });

    const listed = await listPasskeys(cookie);
    expect(listed.map((p) => p.name)).toEqual(['Work laptop', 'YubiKey']);
    // The list never shows the credential id or the public key.
    expect(Object.keys(listed[0]!).sort()).toEqual(['backedUp', 'createdAt', 'deviceType', 'held', 'id', 'lastUsedAt', 'name']);

    const renamed = await t.request('PATCH', `/api/v1/account/passkeys/${listed[0]!.id}`, { cookie, body: { name: '  Personal laptop ' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().passkey.name).toBe('Personal laptop');

    const removed = await t.request('DELETE', `/api/v1/account/passkeys/${listed[1]!.id}`, { cookie });
    expect(removed.statusCode).toBe(204);
    expect((await listPasskeys(cookie)).map((p) => p.name)).toEqual(['Personal laptop']);

    expect(await lastAudit(user.id, 'passkey_added')).toMatchObject({ details: { name: 'YubiKey' } });
    expect(await lastAudit(user.id, 'passkey_renamed')).toMatchObject({ details: { name: 'Personal laptop' } });
    expect(await lastAudit(user.id, 'passkey_removed')).toMatchObject({ details: { name: 'YubiKey' } });
    const mails = (await t.mail()).filter((m) => m.to === user.email).map((m) => m.subject);
    expect(mails.filter((s) => s === 'A passkey was added to your account')).toHaveLength(2);
    expect(mails).toContain('A second sign-in step was removed');
    expect((await t.lastMailTo(user.email))!.text).toContain('The passkey "YubiKey" was removed');
  });

  it('names a passkey after the device when no name is given, and numbers repeats', async () => {
    const { cookie } = await signedInUser();
    const headers = { 'user-agent': CHROME_ON_MACOS };
    expect((await addPasskey(cookie, authenticator(), {}, headers)).json().passkey.name).toBe('Passkey on macOS');
    expect((await addPasskey(cookie, authenticator(), {}, headers)).json().passkey.name).toBe('Passkey on macOS (2)');
    const key = authenticator({ synced: false, attachment: 'cross-platform', transports: ['usb', 'nfc'] });
    expect((await addPasskey(cookie, key, {}, headers)).json().passkey.name).toBe('Security key');
    const phone = authenticator({ attachment: 'cross-platform', transports: ['hybrid'] });
    expect((await addPasskey(cookie, phone, {})).json().passkey.name).toBe('Passkey on your phone');
  });

  it('refuses names that are empty, longer than 60 characters or carry control characters', async () => {
    const { cookie } = await signedInUser();
    for (const name of ['   ', 'x'.repeat(61), 'evil\u202Eexe']) {
      const response = await addPasskey(cookie, authenticator(), { name });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    expect((await addPasskey(cookie, authenticator(), { name: 'é'.repeat(60) })).statusCode).toBe(201);
    const [passkey] = await listPasskeys(cookie);
    const rename = await t.request('PATCH', `/api/v1/account/passkeys/${passkey!.id}`, { cookie, body: { name: 'y'.repeat(61) } });
    expect(rename.statusCode).toBe(400);
  });

  it('refuses an answer that was not made for this session\'s challenge, on this site', async () => {
    const { user, cookie } = await signedInUser();
    const otherSession = await t.signIn(user);
    const device = authenticator();
    const post = (c: string, response: unknown) => t.request('POST', '/api/v1/account/passkeys', { cookie: c, body: { response } });

    // A challenge the server did not issue; the one it did issue is spent by the attempt.
    const issued = await registrationOptions(cookie);
    const forged = await post(cookie, device.register({ ...issued, challenge: 'A'.repeat(43) }));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('invalid_passkey');
    expect((await post(cookie, device.register(issued))).json().code).toBe('invalid_passkey');

    const wrongOrigin = await post(cookie, device.register(await registrationOptions(cookie), { origin: 'https://workgate.evil.example' }));
    expect(wrongOrigin.json().code).toBe('invalid_passkey');
    const wrongRp = await post(cookie, device.register(await registrationOptions(cookie), { rpId: 'evil.example' }));
    expect(wrongRp.json().code).toBe('invalid_passkey');
    const wrongType = await post(cookie, device.register(await registrationOptions(cookie), { type: 'webauthn.get' }));
    expect(wrongType.json().code).toBe('invalid_passkey');

    // Options asked for in one session cannot be finished in another session of the same user.
    const options = await registrationOptions(cookie);
    expect((await post(otherSession, device.register(options))).json().code).toBe('invalid_passkey');

    // A used challenge is gone: the same answer twice registers once.
    const answer = device.register(await registrationOptions(cookie));
    expect((await post(cookie, answer)).statusCode).toBe(201);
    expect((await post(cookie, answer)).json().code).toBe('invalid_passkey');
    expect(await listPasskeys(cookie)).toHaveLength(1);
  });

  it('refuses registering the same authenticator twice', async () => {
    const { cookie } = await signedInUser();
    const device = authenticator();
    expect((await addPasskey(cookie, device)).statusCode).toBe(201);
    const again = await addPasskey(cookie, device);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_enabled');
  });
});

describe("another account's passkeys", () => {
  it('are neither listed, renamed nor removed: 404 as for an unknown id', async () => {
    const owner = await signedInUser();
    await addPasskey(owner.cookie, authenticator(), { name: 'Mine' });
    const [passkey] = await listPasskeys(owner.cookie);
    const other = await signedInUser();
    expect(await listPasskeys(other.cookie)).toEqual([]);
    const rename = await t.request('PATCH', `/api/v1/account/passkeys/${passkey!.id}`, { cookie: other.cookie, body: { name: 'Stolen' } });
    expect(rename.statusCode).toBe(404);
    expect(rename.json().code).toBe('not_found');
    expect((await t.request('DELETE', `/api/v1/account/passkeys/${passkey!.id}`, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await listPasskeys(owner.cookie)).map((p) => p.name)).toEqual(['Mine']);
  });
});

describe('step-up', () => {
  it('adding and removing a passkey need an authentication younger than 10 minutes; renaming does not', async () => {
    const { user, cookie } = await signedInUser();
    const device = authenticator();
    const options = await registrationOptions(cookie);
    await addPasskey(cookie, device, { name: 'First' });
    const [passkey] = await listPasskeys(cookie);

    t.clock.advance(11 * MINUTE);
    for (const [method, url, body] of [
      ['POST', '/api/v1/account/passkeys/options', undefined],
      ['POST', '/api/v1/account/passkeys', { response: authenticator().register(options) }],
      ['DELETE', `/api/v1/account/passkeys/${passkey!.id}`, undefined],
    ] as const) {
      const stale = await t.request(method, url, { cookie, body });
      expect(stale.statusCode).toBe(403);
      expect(stale.json().code).toBe('reauthentication_required');
    }
    expect((await t.request('PATCH', `/api/v1/account/passkeys/${passkey!.id}`, { cookie, body: { name: 'Renamed' } })).statusCode).toBe(200);

    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { password: user.password } });
    expect(reauth.statusCode).toBe(204);
    // The step-up renewed the session's token: the new cookie carries it.
    const renewed = sessionCookieOf(reauth)!;
    expect((await addPasskey(renewed, authenticator(), { name: 'Second' })).statusCode).toBe(201);
    expect((await t.request('DELETE', `/api/v1/account/passkeys/${passkey!.id}`, { cookie: renewed })).statusCode).toBe(204);
  });

  it('accepts a passkey as the proof of a reauthentication', async () => {
    const { user, cookie } = await signedInUser();
    const device = authenticator({ counter: 'counter' });
    await addPasskey(cookie, device, { name: 'Key' });
    const [passkey] = await listPasskeys(cookie);
    t.clock.advance(11 * MINUTE);
    expect((await t.request('DELETE', `/api/v1/account/passkeys/${passkey!.id}`, { cookie })).statusCode).toBe(403);

    const optionsResponse = await t.request('POST', '/api/v1/auth/reauthenticate/passkey/options', { cookie });
    expect(optionsResponse.statusCode).toBe(200);
    const options = optionsResponse.json();
    expect(options.allowCredentials).toEqual([{ id: device.id, type: 'public-key', transports: ['internal', 'hybrid'] }]);
    expect(options.userVerification).toBe('preferred');
    const code = JSON.stringify(device.assert(options));
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { method: 'passkey', code } });
    expect(reauth.statusCode).toBe(204);
    expect(await lastAudit(user.id, 'reauthenticated')).toMatchObject({ details: { method: 'passkey' } });
    const renewed = sessionCookieOf(reauth)!;
    // The same assertion cannot open the window a second time.
    t.clock.advance(11 * MINUTE);
    const replay = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: renewed, body: { method: 'passkey', code } });
    expect(replay.statusCode).toBe(403);
    expect((await t.request('DELETE', `/api/v1/account/passkeys/${passkey!.id}`, { cookie: renewed })).statusCode).toBe(403);
  });
});

describe('signing in with a passkey alone', () => {
  it('offers options for any discoverable passkey, bound to this browser by a short-lived cookie', async () => {
    const { options, response } = await loginOptions();
    expect(options).toMatchObject({ rpId: 'localhost', allowCredentials: [], userVerification: 'required', timeout: 300_000 });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const cookie = response.cookies.find((c) => c.name === 'wg_passkey')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 300 });
  });

  it('signs in with a session of assurance level 2, and records the use', async () => {
    const { user, cookie } = await signedInUser();
    const device = authenticator();
    await addPasskey(cookie, device, { name: 'Phone' });

    t.clock.advance(MINUTE);
    const ceremony = await loginOptions();
    const response = await passkeyLogin(ceremony.cookie, device.assert(ceremony.options), { rememberMe: true });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: user.id, email: user.email });
    const session = sessionOf(sessionCookieOf(response)!);
    expect(await session).toMatchObject({ userId: user.id, aal: 2, rememberMe: true, client: 'browser' });
    // The ceremony cookie is spent.
    expect(response.cookies.find((c) => c.name === 'wg_passkey')).toMatchObject({ value: '' });
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: sessionCookieOf(response)! })).statusCode).toBe(200);
    expect((await listPasskeys(cookie))[0]!.lastUsedAt).toBe(t.clock.now().toISOString());
    expect(await lastAudit(user.id, 'login_succeeded')).toMatchObject({ details: { method: 'passkey' } });
  });

  it('refuses a replayed assertion and a reused challenge', async () => {
    const { cookie } = await signedInUser();
    const device = authenticator();
    await addPasskey(cookie, device);
    const ceremony = await loginOptions();
    const assertion = device.assert(ceremony.options);
    expect((await passkeyLogin(ceremony.cookie, assertion)).statusCode).toBe(200);

    const sameCookie = await passkeyLogin(ceremony.cookie, assertion);
    expect(sameCookie.statusCode).toBe(401);
    expect(sameCookie.json().code).toBe('challenge_expired');
    const fresh = await loginOptions();
    const replayed = await passkeyLogin(fresh.cookie, assertion);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('invalid_passkey');
  });

  it("refuses a challenge issued to another browser or another ceremony", async () => {
    const { cookie } = await signedInUser();
    const device = authenticator();
    await addPasskey(cookie, device);
    const mine = await loginOptions();
    const theirs = await loginOptions();
    // Signed over the other ceremony's challenge, posted with this browser's cookie.
    expect((await passkeyLogin(mine.cookie, device.assert(theirs.options))).json().code).toBe('invalid_passkey');
    // Without the ceremony cookie there is no challenge at all.
    const other = await loginOptions();
    const noCookie = await passkeyLogin(undefined, device.assert(other.options));
    expect(noCookie.statusCode).toBe(401);
    expect(noCookie.json().code).toBe('challenge_expired');
    // The refused attempts spent their challenges.
    expect((await passkeyLogin(theirs.cookie, device.assert(theirs.options))).statusCode).toBe(200);
  });

  it('refuses assertions made for another origin or relying party, without user verification, or of another type', async () => {
    const { user, cookie } = await signedInUser();
    const device = authenticator();
    await addPasskey(cookie, device);
    for (const overrides of [
      { origin: 'https://workgate.evil.example' },
      { origin: 'http://localhost:3001' },
      { rpId: 'evil.example' },
      { userVerified: false },
      { type: 'webauthn.create' },
    ]) {
      const ceremony = await loginOptions();
      const response = await passkeyLogin(ceremony.cookie, device.assert(ceremony.options, overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(401);
      expect(response.json().code).toBe('invalid_passkey');
    }
    expect(await lastAudit(user.id, 'login_failed')).toMatchObject({ details: { method: 'passkey', reason: 'invalid_assertion' } });
  });

  it('refuses an assertion whose user handle names another account', async () => {
    const { cookie } = await signedInUser();
    const device = authenticator();
    await addPasskey(cookie, device);
    const ceremony = await loginOptions();
    const otherHandle = Buffer.from(crypto.randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
    expect((await passkeyLogin(ceremony.cookie, device.assert(ceremony.options, { userHandle: otherHandle }))).json().code).toBe(
      'invalid_passkey',
    );
    // Authenticators may leave the handle out; the credential alone then names the account.
    const again = await loginOptions();
    expect((await passkeyLogin(again.cookie, device.assert(again.options, { userHandle: null }))).statusCode).toBe(200);
  });

  it('refuses a signature counter that does not grow (a cloned authenticator)', async () => {
    const { cookie } = await signedInUser();
    const device = authenticator({ counter: 'counter', synced: false });
    await addPasskey(cookie, device); // counter 1
    let ceremony = await loginOptions();
    expect((await passkeyLogin(ceremony.cookie, device.assert(ceremony.options))).statusCode).toBe(200); // counter 2
    ceremony = await loginOptions();
    const rewound = await passkeyLogin(ceremony.cookie, device.assert(ceremony.options, { signCount: 2 }));
    expect(rewound.json().code).toBe('invalid_passkey');
    ceremony = await loginOptions();
    expect((await passkeyLogin(ceremony.cookie, device.assert(ceremony.options, { signCount: 1 }))).json().code).toBe('invalid_passkey');
    ceremony = await loginOptions();
    expect((await passkeyLogin(ceremony.cookie, device.assert(ceremony.options))).statusCode).toBe(200); // counter 3

    // Synced passkeys report 0 every time, which is allowed.
    const synced = authenticator();
    await addPasskey(cookie, synced);
    for (let i = 0; i < 2; i += 1) {
      ceremony = await loginOptions();
      expect((await passkeyLogin(ceremony.cookie, synced.assert(ceremony.options))).statusCode).toBe(200);
    }
  });

  it('refuses a passkey that was removed from the account, or never registered', async () => {
    const { cookie } = await signedInUser();
    const device = authenticator();
    await addPasskey(cookie, device);
    const [passkey] = await listPasskeys(cookie);
    await t.request('DELETE', `/api/v1/account/passkeys/${passkey!.id}`, { cookie });
    let ceremony = await loginOptions();
    expect((await passkeyLogin(ceremony.cookie, device.assert(ceremony.options))).json().code).toBe('invalid_passkey');
    ceremony = await loginOptions();
    expect((await passkeyLogin(ceremony.cookie, authenticator().assert(ceremony.options))).json().code).toBe('invalid_passkey');
  });

  it('refuses unknown fields and malformed responses', async () => {
    const ceremony = await loginOptions();
    const device = authenticator();
    const extra = await passkeyLogin(ceremony.cookie, device.assert(ceremony.options), { userId: 'x' });
    expect(extra.statusCode).toBe(400);
    const broken = await passkeyLogin(ceremony.cookie, { ...device.assert(ceremony.options), type: 'password' });
    expect(broken.statusCode).toBe(400);
  });
});

describe('a passkey challenge', () => {
  it('expires after 5 minutes', async () => {
    // The in-process store follows the test clock; Redis keeps real time.
    const local = await createTestApp();
    try {
      const user = await local.createUser();
      const cookie = await local.signIn(user);
      const device = authenticator();
      const options = (await local.request('POST', '/api/v1/account/passkeys/options', { cookie })).json();
      expect((await local.request('POST', '/api/v1/account/passkeys', { cookie, body: { response: device.register(options) } })).statusCode).toBe(201);
      const started = await local.request('POST', '/api/v1/auth/passkey/options', {});
      local.clock.advance(5 * MINUTE + 1000);
      const late = await local.request('POST', '/api/v1/auth/passkey/login', {
        cookie: ceremonyCookieOf(started),
        body: { response: device.assert(started.json()) },
      });
      expect(late.statusCode).toBe(401);
      expect(late.json().code).toBe('challenge_expired');
    } finally {
      await local.close();
    }
  });
});

describe('a passkey as the second step after a password', () => {
  async function passwordStep(user: { email: string; password: string }) {
    const response = await t.request('POST', '/api/v1/auth/login', { origin: ORIGIN, body: { email: user.email, password: user.password } });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('is asked for once the account has a passkey, and completes a login of assurance level 2', async () => {
    const { user, cookie } = await signedInUser();
    const device = authenticator({ counter: 'counter', synced: false, attachment: 'cross-platform', transports: ['usb'] });
    await addPasskey(cookie, device, { name: 'Security key' });
    const other = await signedInUser();
    const othersDevice = authenticator();
    await addPasskey(other.cookie, othersDevice);

    const step = await passwordStep(user);
    expect(step).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['passkey', 'recovery_code']) });
    const optionsResponse = await t.request('POST', '/api/v1/auth/login/mfa/passkey/options', { origin: ORIGIN, body: { challenge: step.challenge } });
    expect(optionsResponse.statusCode).toBe(200);
    const options = optionsResponse.json();
    expect(options.allowCredentials).toEqual([{ id: device.id, type: 'public-key', transports: ['usb'] }]);
    expect(options.userVerification).toBe('preferred');

    const complete = (code: string) =>
      t.request('POST', '/api/v1/auth/login/mfa', { origin: ORIGIN, body: { challenge: step.challenge, method: 'passkey', code } });
    // Another account's passkey, signing this login's challenge, does not count.
    expect((await complete(JSON.stringify(othersDevice.assert(options)))).json().code).toBe('invalid_code');
    // Nor does garbage.
    expect((await complete('{"not":"an assertion"}')).json().code).toBe('invalid_code');

    const again = (await t.request('POST', '/api/v1/auth/login/mfa/passkey/options', { origin: ORIGIN, body: { challenge: step.challenge } })).json();
    const code = JSON.stringify(device.assert(again, { userVerified: false }));
    const done = await complete(code);
    expect(done.statusCode).toBe(200);
    expect(await sessionOf(sessionCookieOf(done)!)).toMatchObject({ userId: user.id, aal: 2 });
    expect(await lastAudit(user.id, 'login_succeeded')).toMatchObject({ details: { method: 'password+passkey' } });

    // The assertion is spent: a new login cannot reuse it.
    const next = await passwordStep(user);
    const replay = await t.request('POST', '/api/v1/auth/login/mfa', { origin: ORIGIN, body: { challenge: next.challenge, method: 'passkey', code } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('invalid_code');
  });

  it('needs a live login challenge for its options', async () => {
    const response = await t.request('POST', '/api/v1/auth/login/mfa/passkey/options', {
      origin: ORIGIN,
      body: { challenge: 'A'.repeat(43) },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('challenge_expired');
  });

  it('stops being asked for once the last passkey is removed, and the recovery codes go with it', async () => {
    const { user, cookie } = await signedInUser();
    await addPasskey(cookie, authenticator());
    expect((await passwordStep(user)).mfaRequired).toBe(true);
    const [passkey] = await listPasskeys(cookie);
    expect((await t.request('DELETE', `/api/v1/account/passkeys/${passkey!.id}`, { cookie })).statusCode).toBe(204);
    const step = await passwordStep(user);
    expect(step.mfaRequired).toBeUndefined();
    expect(step.user.id).toBe(user.id);
    const status = await t.request('GET', '/api/v1/account/mfa', { cookie });
    expect(status.json()).toMatchObject({ methods: [], recoveryCodesRemaining: 0 });
  });

  it('keeps typed codes short: only a passkey answer may be long', async () => {
    const step = await (async () => {
      const { user, cookie } = await signedInUser();
      await addPasskey(cookie, authenticator());
      return passwordStep(user);
    })();
    const response = await t.request('POST', '/api/v1/auth/login/mfa', {
      origin: ORIGIN,
      body: { challenge: step.challenge, method: 'totp', code: '1'.repeat(65) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});

describe('rate limits', () => {
  it('limits passkey sign-in attempts per IP with the login budget', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_LOGIN: '2/60' } });
    try {
      const attempt = () => limited.request('POST', '/api/v1/auth/passkey/login', { origin: ORIGIN, body: { response: authenticator().assert({ challenge: 'x' }) } });
      expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(401);
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
