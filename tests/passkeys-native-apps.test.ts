/**
 * Passkeys in Workgate's own iOS and Android apps: a native sign-in gets its challenge and a
 * ceremony id in the body (no cookie) and ends with a bearer token; the apps' origins are
 * configuration, and /.well-known/ publishes the associations the operating systems check.
 *
 * Phishing resistance must survive the extra origins: only the configured apps' origins are
 * accepted (WebAuthn Level 3 §7.2 step 9; NIST SP 800-63B §5.2.5 verifier impersonation
 * resistance), and a ceremony works once (WebAuthn Level 3 §13.4.3: a challenge is random and
 * answered once).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from './helpers/soft-authenticator.js';
import { createTestApp, ORIGIN, type TestApp } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

const certificate = randomBytes(32);
const FINGERPRINT = [...certificate].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
// What Android puts in clientDataJSON for an app signed with this certificate.
const ANDROID_ORIGIN = `android:apk-key-hash:${certificate.toString('base64url')}`;
const OTHER_APP_ORIGIN = `android:apk-key-hash:${randomBytes(32).toString('base64url')}`;

let t: TestApp;
let plain: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      ANDROID_APP_PACKAGE: 'dev.workgate.app',
      ANDROID_APP_CERT_SHA256: FINGERPRINT,
      APPLE_APP_IDS: 'ABCDE12345.dev.workgate.app',
    },
  });
  plain = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await plain.close();
});

/** A verified user with a passkey added on the web. */
async function userWithPasskey(app: TestApp) {
  const user = await app.createUser();
  const cookie = await app.signIn(user);
  const device = new SoftAuthenticator(ORIGIN);
  const options = (await app.request('POST', '/api/v1/account/passkeys/options', { cookie })).json();
  const added = await app.request('POST', '/api/v1/account/passkeys', { cookie, body: { response: device.register(options) } });
  expect(added.statusCode).toBe(201);
  return { user, device };
}

async function appOptions(app: TestApp) {
  const response = await app.request('POST', '/api/v1/auth/token/passkey/options', {});
  expect(response.statusCode).toBe(200);
  expect(response.headers['set-cookie']).toBeUndefined();
  expect(response.headers['cache-control']).toBe('no-store');
  return response.json() as { ceremony: string; options: { challenge: string; rpId: string } };
}

const appLogin = (app: TestApp, body: unknown) => app.request('POST', '/api/v1/auth/token/passkey', { body });

describe('native passkey sign-in', () => {
  it('an Android app signs in with a passkey: challenge in the body, a bearer token back', async () => {
    const { user, device } = await userWithPasskey(t);
    const { ceremony, options } = await appOptions(t);
    expect(options.rpId).toBe('localhost');
    const signedIn = await appLogin(t, { ceremony, response: device.assert(options, { origin: ANDROID_ORIGIN }) });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['set-cookie']).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const body = signedIn.json();
    expect(body).toMatchObject({ user: { id: user.id }, token: expect.any(String), refreshToken: expect.any(String), expiresAt: expect.any(String) });
    const session = await t.request('GET', '/api/v1/auth/session', { bearer: body.token });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(user.id);
  });

  it('the web origin works through the app route too (an iOS app on the associated domain)', async () => {
    const { device } = await userWithPasskey(t);
    const { ceremony, options } = await appOptions(t);
    expect((await appLogin(t, { ceremony, response: device.assert(options) })).statusCode).toBe(200);
  });

  it('an app whose signing certificate is not configured is refused, like a phishing site', async () => {
    const { device } = await userWithPasskey(t);
    const { ceremony, options } = await appOptions(t);
    const refused = await appLogin(t, { ceremony, response: device.assert(options, { origin: OTHER_APP_ORIGIN }) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('invalid_passkey');
  });

  it('without configuration, an Android origin is refused', async () => {
    const { device } = await userWithPasskey(plain);
    const { ceremony, options } = await appOptions(plain);
    const refused = await appLogin(plain, { ceremony, response: device.assert(options, { origin: ANDROID_ORIGIN }) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('invalid_passkey');
  });

  it('a ceremony works once, not after 5 minutes, and never with another ceremony\'s challenge', async () => {
    const { device } = await userWithPasskey(t);
    const first = await appOptions(t);
    const assertion = device.assert(first.options, { origin: ANDROID_ORIGIN });
    expect((await appLogin(t, { ceremony: first.ceremony, response: assertion })).statusCode).toBe(200);
    const replayed = await appLogin(t, { ceremony: first.ceremony, response: assertion });
    expect(replayed.json().code).toBe('challenge_expired');

    const a = await appOptions(t);
    const b = await appOptions(t);
    const crossed = await appLogin(t, { ceremony: b.ceremony, response: device.assert(a.options, { origin: ANDROID_ORIGIN }) });
    expect(crossed.json().code).toBe('invalid_passkey');

    const late = await appOptions(t);
    t.clock.advance(5 * MINUTE + 1000);
    const expired = await appLogin(t, { ceremony: late.ceremony, response: device.assert(late.options, { origin: ANDROID_ORIGIN }) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('challenge_expired');
  });

  it('a browser ceremony cookie cannot stand in for an app ceremony id', async () => {
    const { device } = await userWithPasskey(t);
    const browser = await t.request('POST', '/api/v1/auth/passkey/options', {});
    const cookie = browser.cookies.find((c) => c.name.endsWith('wg_passkey'))!;
    const refused = await appLogin(t, { ceremony: cookie.value, response: device.assert(browser.json(), { origin: ANDROID_ORIGIN }) });
    expect(refused.json().code).toBe('challenge_expired');
  });

  it('an app adds a passkey with its own origin, then signs in with it', async () => {
    const user = await t.createUser();
    const token = (await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } })).json().token as string;
    const device = new SoftAuthenticator(ANDROID_ORIGIN);
    const options = (await t.request('POST', '/api/v1/account/passkeys/options', { bearer: token })).json();
    const added = await t.request('POST', '/api/v1/account/passkeys', { bearer: token, body: { response: device.register(options) } });
    expect(added.statusCode).toBe(201);
    const { ceremony, options: requestOptions } = await appOptions(t);
    expect((await appLogin(t, { ceremony, response: device.assert(requestOptions) })).statusCode).toBe(200);
  });
});

describe('/.well-known/ associations', () => {
  it('publish the configured iOS and Android apps', async () => {
    const apple = await t.request('GET', '/.well-known/apple-app-site-association');
    expect(apple.statusCode).toBe(200);
    expect(apple.headers['content-type']).toMatch(/^application\/json/);
    expect(apple.json()).toEqual({ webcredentials: { apps: ['ABCDE12345.dev.workgate.app'] } });
    const android = await t.request('GET', '/.well-known/assetlinks.json');
    expect(android.statusCode).toBe(200);
    expect(android.json()).toEqual([
      {
        relation: ['delegate_permission/common.get_login_creds'],
        target: { namespace: 'android_app', package_name: 'dev.workgate.app', sha256_cert_fingerprints: [FINGERPRINT] },
      },
    ]);
  });

  it('are 404 when not configured', async () => {
    expect((await plain.request('GET', '/.well-known/apple-app-site-association')).statusCode).toBe(404);
    expect((await plain.request('GET', '/.well-known/assetlinks.json')).statusCode).toBe(404);
  });
});
