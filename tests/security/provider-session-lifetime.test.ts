/**
 * Sessions that outlive the provider's word: Google vouched for the person once, at sign-in.
 * If the Google account is later disabled, recovered by its owner or taken away, a Workgate
 * session that slides with use would go on for as long as someone keeps using it. Sessions a
 * provider began therefore end at a fixed time after that sign-in, and the provider is asked
 * again; Workgate's sessions are otherwise independent of the provider's (docs/security.md).
 *
 * Requirement: ASVS 5.0 7.6.1 (re-authentication when the maximum time between IdP
 * authentication events is reached), 7.1.3 (how RP and IdP session lifetimes relate is
 * documented); NIST SP 800-63C-4 (the RP's session is its own, and the IdP is asked again
 * to reauthenticate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../helpers/oidc-stand-in.js';
import { fromPage, outcomeOf, runProviderSignIn, type CookieJar } from '../helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, type TestApp } from '../helpers/test-app.js';
import { DAY, MINUTE } from '../helpers/test-clock.js';

let google: StandIn;
let t: TestApp;
let counter = 0;
const fresh = () => `provider.session+${Date.now()}x${(counter += 1)}@gmail.test`;

beforeAll(async () => {
  google = await startStandIn({
    kind: 'google',
    clients: [{ clientId: 'workgate-web', clientSecret: 'web-secret', redirectUris: [`${PUBLIC_URL}/api/v1/auth/oidc/google/callback`] }],
  });
});
afterAll(async () => google.close());

/** One app for the tests of a describe block, with Google configured and these settings. */
function appWith(env: Record<string, string> = {}) {
  beforeAll(async () => {
    t = await createTestApp({ redis: true, env: { GOOGLE_CLIENT_ID: 'workgate-web', GOOGLE_CLIENT_SECRET: 'web-secret', GOOGLE_ISSUER: google.issuer, ...env } });
  });
  afterAll(async () => t.close());
}
const signInWithGoogle = (login: string) => runProviderSignIn(t, { provider: 'google', login, providerOrigin: google.issuer, rememberMe: true });
const statusOf = async (jar: CookieJar) => (await fromPage(t, jar, 'GET', '/api/v1/auth/session')).statusCode;

/** A Google-only member, signed in with "remember me" on the browser of `jar`. */
async function googleMember(login: string) {
  const run = await signInWithGoogle(login);
  const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'freelancer', name: 'Pro Vider', acceptTerms: true });
  expect(signup.statusCode).toBe(200);
  return run.jar;
}

describe('a session Google began', () => {
  appWith();

  it('ends 30 days after the Google sign-in however often it is used, and Google is asked again', async () => {
    const login = fresh();
    const jar = await googleMember(login);
    const passwordUser = await t.createUser();
    const withPassword = await t.signIn(passwordUser, { rememberMe: true });
    for (let day = 5; day <= 25; day += 5) {
      t.clock.advance(5 * DAY);
      expect(await statusOf(jar), `day ${day}`).toBe(200);
      expect((await t.request('GET', '/api/v1/auth/session', { cookie: withPassword })).statusCode).toBe(200);
    }
    t.clock.advance(5 * DAY - MINUTE);
    expect(await statusOf(jar)).toBe(200);
    t.clock.advance(MINUTE);
    expect(await statusOf(jar)).toBe(401);
    // A session begun with a password, used the same way, is not bound by it.
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: withPassword })).statusCode).toBe(200);

    const again = await signInWithGoogle(login);
    expect((await outcomeOf(t, again.jar)).json().outcome).toBe('signed_in');
    expect(await statusOf(again.jar)).toBe(200);
  });

});

describe('with SESSION_PROVIDER_MAX_DAYS=3', () => {
  appWith({ SESSION_PROVIDER_MAX_DAYS: '3' });

  it('ends a session Google began 3 days after that sign-in', async () => {
    const jar = await googleMember(fresh());
    t.clock.advance(3 * DAY - MINUTE);
    expect(await statusOf(jar)).toBe(200);
    const listed = (await fromPage(t, jar, 'GET', '/api/v1/account/sessions')).json().sessions;
    expect(listed.find((row: { current: boolean }) => row.current).signedInWith.provider.id).toBe('google');
    t.clock.advance(MINUTE);
    expect(await statusOf(jar)).toBe(401);
  });
});
