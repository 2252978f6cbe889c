/**
 * An intruder's session outliving the change the owner made to lock them out.
 *
 * Requirement: ASVS 5.0 7.4.3 (after a successful change or removal of any authentication
 * factor, the application gives the option to terminate all other active sessions). Every
 * answer to adding or removing a second step or a passkey, or to disconnecting a provider
 * (checked in tests/social-login-google.test.ts), carries `workgate-other-sessions`,
 * the number of the account's other live sessions, so the client can offer to sign them out
 * with the existing route; the password change ends them itself, so its answer says 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { createTestApp, ORIGIN, OTHER_STRONG_PASSWORD, type TestApp, type TestUser } from '../helpers/test-app.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';

const HEADER = 'workgate-other-sessions';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A person signed in here and, with a password only, on `elsewhere` other devices. */
async function signedInOnSeveralDevices(elsewhere: number): Promise<{ user: TestUser; cookie: string; others: string[] }> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  // The verification link signed a browser in too: start from this session alone.
  expect((await t.request('POST', '/api/v1/account/sessions/revoke-all', { cookie, body: {} })).statusCode).toBe(204);
  const others: string[] = [];
  for (let i = 0; i < elsewhere; i += 1) others.push(await t.signIn(user));
  return { user, cookie, others };
}

const codeAt = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() });

async function addAuthenticator(cookie: string) {
  const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
  return t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: codeAt(secret) } });
}

async function addPasskey(cookie: string) {
  const options = (await t.request('POST', '/api/v1/account/passkeys/options', { cookie })).json();
  const response = new SoftAuthenticator(ORIGIN).register(options);
  return t.request('POST', '/api/v1/account/passkeys', { cookie, body: { name: 'Laptop', response } });
}

describe('after a change of sign-in factors, the answer counts the other sessions to offer to sign out', () => {
  it('adding and removing an authenticator app', async () => {
    const { cookie } = await signedInOnSeveralDevices(2);
    const added = await addAuthenticator(cookie);
    expect(added.statusCode).toBe(200);
    expect(added.headers[HEADER]).toBe('2');
    const removed = await t.request('DELETE', '/api/v1/account/mfa/totp', { cookie });
    expect(removed.statusCode).toBe(204);
    expect(removed.headers[HEADER]).toBe('2');
  });

  it('turning codes by mail on and off', async () => {
    const { cookie } = await signedInOnSeveralDevices(1);
    const on = await t.request('POST', '/api/v1/account/mfa/email', { cookie });
    expect(on.statusCode).toBe(200);
    expect(on.headers[HEADER]).toBe('1');
    const off = await t.request('DELETE', '/api/v1/account/mfa/email', { cookie });
    expect(off.statusCode).toBe(204);
    expect(off.headers[HEADER]).toBe('1');
  });

  it('adding and removing a passkey', async () => {
    const { cookie } = await signedInOnSeveralDevices(3);
    const added = await addPasskey(cookie);
    expect(added.statusCode).toBe(201);
    expect(added.headers[HEADER]).toBe('3');
    const removed = await t.request('DELETE', `/api/v1/account/passkeys/${added.json().passkey.id}`, { cookie });
    expect(removed.statusCode).toBe(204);
    expect(removed.headers[HEADER]).toBe('3');
  });

  it('counts only live sessions of this account, and says 0 when there are none', async () => {
    const { cookie, others } = await signedInOnSeveralDevices(2);
    await signedInOnSeveralDevices(2);
    expect((await t.request('POST', '/api/v1/auth/logout', { cookie: others[0]! })).statusCode).toBeLessThan(300);
    expect((await addAuthenticator(cookie)).headers[HEADER]).toBe('1');
    const alone = await signedInOnSeveralDevices(0);
    expect((await addAuthenticator(alone.cookie)).headers[HEADER]).toBe('0');
  });

  it('the offer is the existing route: it ends the other sessions and keeps this one', async () => {
    const { cookie, others } = await signedInOnSeveralDevices(2);
    expect((await addAuthenticator(cookie)).headers[HEADER]).toBe('2');
    expect((await t.request('POST', '/api/v1/account/sessions/revoke-all', { cookie, body: {} })).statusCode).toBe(204);
    for (const other of others) expect((await t.request('GET', '/api/v1/auth/session', { cookie: other })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/session', { cookie })).statusCode).toBe(200);
  });

  it('the password change has ended the other sessions already, and says 0', async () => {
    const { user, cookie, others } = await signedInOnSeveralDevices(2);
    const changed = await t.request('POST', '/api/v1/account/password', {
      cookie,
      body: { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers[HEADER]).toBe('0');
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: others[0]! })).statusCode).toBe(401);
  });

  it('is documented on each of these answers in the OpenAPI document', async () => {
    const spec = (await t.request('GET', '/api/openapi.json')).json();
    const described = (path: string, method: string) => String(spec.paths[path]?.[method]?.description ?? '');
    for (const [path, method] of [
      ['/api/v1/account/mfa/totp/confirm', 'post'],
      ['/api/v1/account/mfa/totp', 'delete'],
      ['/api/v1/account/mfa/sms', 'post'],
      ['/api/v1/account/mfa/email', 'delete'],
      ['/api/v1/account/passkeys', 'post'],
      ['/api/v1/account/passkeys/{id}', 'delete'],
      ['/api/v1/account/identities/{id}', 'delete'],
    ] as const) {
      expect(described(path, method), `${method} ${path}`).toContain(HEADER);
    }
  });
});
