/**
 * Step-up ("sudo mode"): sensitive changes need an authentication younger than ten
 * minutes in the same session; otherwise 403 reauthentication_required until the person
 * proves it is them again, with the password or a second factor.
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OTHER_STRONG_PASSWORD, sessionCookieOf, type TestApp } from './helpers/test-app.js';
import { DAY, MINUTE } from './helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Reauthenticates; a right answer renews the session's token, so the new cookie is answered. */
async function reauthenticated(cookie: string, body: unknown): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body });
  expect(response.statusCode).toBe(204);
  return sessionCookieOf(response)!;
}

const SENSITIVE: [string, string, (password: string) => unknown][] = [
  ['POST', '/api/v1/account/password', (password) => ({ currentPassword: password, newPassword: OTHER_STRONG_PASSWORD })],
  ['POST', '/api/v1/account/sessions/revoke-all', () => ({})],
  ['POST', '/api/v1/account/mfa/totp', () => undefined],
  ['POST', '/api/v1/account/mfa/recovery-codes', () => undefined],
  ['DELETE', '/api/v1/account/mfa/totp', () => undefined],
];

describe('sensitive changes', () => {
  it.each(SENSITIVE)('%s %s needs an authentication younger than 10 minutes', async (method, url, body) => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    t.clock.advance(10 * MINUTE + 1000);
    const stale = await t.request(method, url, { cookie, body: body(user.password) });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');

    const renewed = await reauthenticated(cookie, { password: user.password });
    const fresh = await t.request(method, url, { cookie: renewed, body: body(user.password) });
    // Whatever the action answers now (some need more set-up), it is no longer a step-up refusal.
    expect(fresh.statusCode).not.toBe(403);
  });

  it('stays open for ten minutes after a reauthentication, then closes again', async () => {
    const user = await t.createUser();
    const signedIn = await t.signIn(user);
    t.clock.advance(30 * MINUTE);
    const cookie = await reauthenticated(signedIn, { password: user.password });
    t.clock.advance(9 * MINUTE);
    expect((await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).statusCode).toBe(200);
    t.clock.advance(2 * MINUTE);
    expect((await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json().code).toBe('reauthentication_required');
  });

  it('belongs to one session: reauthenticating elsewhere opens nothing here', async () => {
    const user = await t.createUser();
    const here = await t.signIn(user);
    t.clock.advance(15 * MINUTE);
    const elsewhere = await t.signIn(user);
    expect((await t.request('POST', '/api/v1/account/mfa/totp', { cookie: elsewhere })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/v1/account/mfa/totp', { cookie: here })).json().code).toBe('reauthentication_required');
  });
});

describe('reauthentication', () => {
  it('a wrong password is refused and audited, and opens nothing', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    t.clock.advance(11 * MINUTE);
    const wrong = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { password: 'not my password at all' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('invalid_credentials');
    expect((await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json().code).toBe('reauthentication_required');
    const events = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, user.id) });
    expect(events.some((e) => e.event === 'login_failed' && e.details.reason === 'wrong_reauthentication')).toBe(true);
  });

  it('ends the session at the tenth wrong answer, however slowly they come; a right answer starts the count again', async () => {
    const user = await t.createUser();
    const reauthenticate = (cookie: string, password: string) => t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { password } });

    // The owner mistypes nine times, then gets it right: the count starts again.
    const ownerBefore = await t.signIn(user, { rememberMe: true });
    for (let i = 1; i <= 9; i++) expect((await reauthenticate(ownerBefore, `mistyped password ${i}`)).statusCode).toBe(403);
    const owner = await reauthenticated(ownerBefore, { password: user.password });
    for (let i = 1; i <= 9; i++) expect((await reauthenticate(owner, `mistyped again ${i}`)).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: owner })).statusCode).toBe(200);

    // Someone guessing with a stolen "remember me" session, a few a day, loses it at the tenth.
    const stolen = await t.signIn(user, { rememberMe: true });
    for (let i = 1; i <= 9; i++) {
      expect((await reauthenticate(stolen, `guess number ${i}`)).json().code).toBe('invalid_credentials');
      t.clock.advance(DAY);
    }
    const tenth = await reauthenticate(stolen, 'guess number 10');
    expect(tenth.statusCode).toBe(401);
    expect(tenth.json().code).toBe('unauthenticated');
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: stolen })).statusCode).toBe(401);
    // Even the right password cannot bring it back; the owner's own session is untouched.
    expect((await reauthenticate(stolen, user.password)).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: owner })).statusCode).toBe(200);
    const events = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, user.id) });
    expect(events.filter((e) => e.event === 'session_revoked' && e.details.reason === 'too_many_wrong_reauthentications')).toHaveLength(1);
  });

  it('accepts a second factor instead of the password, once per code', async () => {
    const user = await t.createUser();
    const signedIn = await t.signIn(user);
    const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie: signedIn })).json();
    const code = (offset = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + offset });
    await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie: signedIn, body: { code: code() } });
    t.clock.advance(11 * MINUTE);
    const used = code();
    const cookie = await reauthenticated(signedIn, { method: 'totp', code: used });
    const replay = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { method: 'totp', code: used } });
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('invalid_code');
    t.clock.advance(11 * MINUTE);
    // A later step gives a new code, which works.
    const later = await reauthenticated(cookie, { method: 'totp', code: code() });
    const sms = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: later, body: { method: 'sms_code', code: '123456' } });
    expect(sms.json().code).toBe('method_not_available');
  });

  it('needs a session, and refuses mixed or unknown proofs', async () => {
    expect((await t.request('POST', '/api/v1/auth/reauthenticate', { body: { password: 'whatever password' } })).statusCode).toBe(401);
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (const body of [{}, { password: user.password, method: 'totp', code: '1' }, { method: 'carrier_pigeon', code: '1' }]) {
      const response = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });
});
