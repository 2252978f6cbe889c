/**
 * "This wasn't me" holds the provider accounts connected since the reported sign-in.
 *
 * Requirement: OWASP ASVS 5.0 6.4.3. Threat: an intruder with the password connects their own
 * Google account as a way back in; or, seen from the report's side, a Google account connected
 * after the alert cannot be told apart from the owner's own. A held connection signs no one in
 * (403 sign_in_method_held, before any session) until the owner, signed in again after the
 * reset, keeps it; nobody else can keep it for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../helpers/oidc-stand-in.js';
import { CookieJar, outcomeOf, runProviderSignIn } from '../helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, sessionCookieOf, type TestApp } from '../helpers/test-app.js';
import { DAY } from '../helpers/test-clock.js';

const ANDROID_FIREFOX = 'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0';
let google: StandIn;
let t: TestApp;

beforeAll(async () => {
  google = await startStandIn({
    kind: 'google',
    clients: [{ clientId: 'workgate-web', clientSecret: 'web-secret', redirectUris: [`${PUBLIC_URL}/api/v1/auth/oidc/google/callback`] }],
  });
  t = await createTestApp({ env: { GOOGLE_CLIENT_ID: 'workgate-web', GOOGLE_CLIENT_SECRET: 'web-secret', GOOGLE_ISSUER: google.issuer } });
});
afterAll(async () => {
  await t.close();
  await google.close();
});

const signInWithGoogle = (login: string, jar?: CookieJar, intent?: 'link') =>
  runProviderSignIn(t, { provider: 'google', login, providerOrigin: google.issuer, ...(jar ? { jar } : {}), ...(intent ? { intent } : {}) });

describe('a provider account connected after a reported sign-in', () => {
  it('signs no one in until the owner, signed in again, keeps it', async () => {
    const owner = await t.createUser();
    await t.signIn(owner);
    t.clock.advance(DAY);
    // A sign-in from a phone (its alert carries the link), which then connects a Google account.
    const phone = await t.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
      ip: '203.0.113.140',
      headers: { 'user-agent': ANDROID_FIREFOX },
    });
    const notMe = await t.tokenFromMail(owner.email, '/not-me');
    const googleLogin = `connected-${owner.id.slice(0, 8)}@gmail.test`;
    const jar = new CookieJar(sessionCookieOf(phone)!);
    expect((await outcomeOf(t, (await signInWithGoogle(googleLogin, jar, 'link')).jar)).json().outcome).toBe('linked');
    expect((await outcomeOf(t, (await signInWithGoogle(googleLogin)).jar)).json()).toMatchObject({ outcome: 'signed_in' });

    expect((await t.request('POST', '/api/v1/auth/not-me', { body: { token: notMe } })).statusCode).toBe(200);
    const held = await signInWithGoogle(googleLogin);
    expect(held.error).toBe('sign_in_method_held');
    expect(held.jar.has('wg_session')).toBe(false);

    // The owner resets the password, signs in, sees the connection on hold and keeps it.
    const reset = await t.tokenFromMail(owner.email, '/reset-password');
    const password = 'the owner takes the account back 2031';
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token: reset, password } })).statusCode).toBe(200);
    const cookie = await t.signIn({ email: owner.email, password });
    const listed = (await t.request('GET', '/api/v1/account/identities', { cookie })).json().identities;
    expect(listed).toEqual([expect.objectContaining({ email: googleLogin, held: true })]);
    const id = listed[0].id as string;

    const stranger = await t.signIn(await t.createUser());
    expect((await t.request('POST', `/api/v1/account/identities/${id}/keep`, { cookie: stranger })).statusCode).toBe(404);
    expect((await signInWithGoogle(googleLogin)).error).toBe('sign_in_method_held');

    expect((await t.request('POST', `/api/v1/account/identities/${id}/keep`, { cookie })).statusCode).toBe(204);
    expect((await outcomeOf(t, (await signInWithGoogle(googleLogin)).jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: owner.id } });
  });
});
