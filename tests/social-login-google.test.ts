/**
 * Sign-in with Google in a browser, against a stand-in Google (a real OpenID Provider on
 * loopback): a first sign-in creates the account after the role choice, later ones sign in;
 * an existing account is connected only after its owner proves it; unverified addresses
 * never connect anything; replayed, forged and refused callbacks end on a clear code.
 * A second provider configured by name alone (generic OIDC) shows that configuration suffices.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../src/server/modules/accounts/accounts.table.js';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { enrolTotpFor, totpCode } from './helpers/admin.js';
import { authorizeAtStandIn, startStandIn, type StandIn } from './helpers/oidc-stand-in.js';
import { CookieJar, deliverCallback, fromPage, outcomeOf, runProviderSignIn } from './helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, STRONG_PASSWORD, type TestApp } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

let google: StandIn;
let t: TestApp;
let counter = 0;

const redirect = (provider: string) => `${PUBLIC_URL}/api/v1/auth/oidc/${provider}/callback`;
const fresh = (prefix = 'person') => `${prefix}+${Date.now()}x${(counter += 1)}@gmail.test`;

beforeAll(async () => {
  google = await startStandIn({
    kind: 'google',
    clients: [
      { clientId: 'workgate-web', clientSecret: 'web-secret', redirectUris: [redirect('google')] },
      { clientId: 'acme-workgate', clientSecret: 'acme-secret', redirectUris: [redirect('acme')] },
    ],
  });
});
afterAll(async () => google.close());

beforeEach(async () => {
  t = await createTestApp({
    env: {
      GOOGLE_CLIENT_ID: 'workgate-web',
      GOOGLE_CLIENT_SECRET: 'web-secret',
      GOOGLE_ISSUER: google.issuer,
      OIDC_PROVIDERS: 'acme',
      OIDC_ACME_ISSUER: google.issuer,
      OIDC_ACME_CLIENT_ID: 'acme-workgate',
      OIDC_ACME_CLIENT_SECRET: 'acme-secret',
      OIDC_ACME_LABEL: 'Acme SSO',
      OIDC_ACME_MFA_FROM_AMR: 'true',
    },
  });
});
afterEach(async () => t.close());

const signInWithGoogle = (login: string, extra: Partial<Parameters<typeof runProviderSignIn>[1]> = {}) =>
  runProviderSignIn(t, { provider: 'google', login, providerOrigin: google.issuer, ...extra });

async function signUpWithGoogle(login: string, role: 'freelancer' | 'client' = 'client') {
  const run = await signInWithGoogle(login);
  expect(run.error).toBeNull();
  const outcome = await outcomeOf(t, run.jar);
  expect(outcome.json()).toMatchObject({ outcome: 'signup_required', email: login, provider: { id: 'google', label: 'Google' } });
  const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role, name: outcome.json().name, acceptTerms: true });
  expect(signup.statusCode).toBe(200);
  return { jar: run.jar, user: signup.json().user as { id: string; email: string; role: string; emailVerified: boolean } };
}

async function auditReasons(userId: string | null, event = 'login_failed') {
  const rows = await t.platform.db
    .select()
    .from(auditEvents)
    .where(userId ? and(eq(auditEvents.event, event), eq(auditEvents.userId, userId)) : eq(auditEvents.event, event));
  return rows.map((row) => row.details as Record<string, unknown>);
}

describe('providers', () => {
  it('lists the configured providers, and an unknown one is 404 provider_not_configured', async () => {
    const list = await t.request('GET', '/api/v1/auth/providers');
    expect(list.json().providers).toEqual([
      { id: 'google', label: 'Google', kind: 'google' },
      { id: 'acme', label: 'Acme SSO', kind: 'oidc' },
    ]);
    const unknown = await fromPage(t, new CookieJar(), 'POST', '/api/v1/auth/oidc/github/authorize', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('provider_not_configured');
  });

  it('asks for PKCE, state, nonce and the Google account chooser in the authorization URL', async () => {
    const authorize = await fromPage(t, new CookieJar(), 'POST', '/api/v1/auth/oidc/google/authorize', {});
    const url = new URL(authorize.json().authorizationUrl);
    expect(url.origin).toBe(google.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('prompt')).toBe('select_account');
    expect(url.searchParams.get('redirect_uri')).toBe(redirect('google'));
  });
});

describe('a first sign-in with Google', () => {
  it('creates a verified account after the role choice, and the next sign-in simply signs in', async () => {
    const login = fresh('ada.lovelace');
    const { jar, user } = await signUpWithGoogle(login, 'client');
    expect(user).toMatchObject({ email: login, role: 'client', emailVerified: true });
    const session = await fromPage(t, jar, 'GET', '/api/v1/auth/session');
    expect(session.json().user.id).toBe(user.id);

    const again = await signInWithGoogle(login);
    expect(again.error).toBeNull();
    const outcome = await outcomeOf(t, again.jar);
    expect(outcome.json()).toMatchObject({ outcome: 'signed_in', user: { id: user.id }, next: '/onboarding' });
    // Told once: the page does not find it again.
    expect((await outcomeOf(t, again.jar)).statusCode).toBe(404);
    expect((await fromPage(t, again.jar, 'GET', '/api/v1/auth/session')).json().user.id).toBe(user.id);
    expect(await auditReasons(user.id, 'login_succeeded')).toContainEqual(expect.objectContaining({ method: 'google' }));
  });

  it('suggests the Google name, and the name the person edits is kept', async () => {
    const run = await signInWithGoogle(fresh('grace.hopper'));
    // The page may ask several times at once (a reload, a double fetch): every read finds it.
    const reads = await Promise.all([outcomeOf(t, run.jar), outcomeOf(t, run.jar), outcomeOf(t, run.jar)]);
    expect(reads.map((read) => read.statusCode)).toEqual([200, 200, 200]);
    expect((await outcomeOf(t, run.jar)).json().name).toBe('Grace Hopper');
    const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'freelancer', name: 'Rear Admiral Hopper', acceptTerms: true });
    expect(signup.json().user).toMatchObject({ name: 'Rear Admiral Hopper', role: 'freelancer' });
  });

  it('cannot finish a sign-up without the outcome cookie, twice, or without accepting the terms', async () => {
    const run = await signInWithGoogle(fresh());
    const noTerms = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'X Y', acceptTerms: false });
    expect(noTerms.statusCode).toBe(400);
    const stranger = await fromPage(t, new CookieJar(), 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'X Y', acceptTerms: true });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json().code).toBe('challenge_expired');
    const first = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'X Y', acceptTerms: true });
    expect(first.statusCode).toBe(200);
    const replay = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'X Y', acceptTerms: true });
    expect(replay.statusCode).toBe(401);
  });

  it('has no password: password login fails, and a mailed link sets one', async () => {
    const login = fresh();
    const { jar } = await signUpWithGoogle(login);
    const refused = await t.request('POST', '/api/v1/auth/login', { body: { email: login, password: STRONG_PASSWORD } });
    expect(refused.statusCode).toBe(401);

    const identities = await fromPage(t, jar, 'GET', '/api/v1/account/identities');
    expect(identities.json()).toMatchObject({ hasPassword: false, passkeyCount: 0, identities: [{ provider: { id: 'google' }, email: login }] });
    expect((await fromPage(t, jar, 'POST', '/api/v1/account/password/setup-link')).statusCode).toBe(202);
    const token = await t.tokenFromMail(login, '/reset-password');
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: STRONG_PASSWORD } })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: login, password: STRONG_PASSWORD } })).statusCode).toBe(200);
    // Like any reset, it signs every device out: whoever else was signed in is out too.
    expect((await fromPage(t, jar, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const signedIn = new CookieJar(await t.signIn({ email: login, password: STRONG_PASSWORD }));
    expect((await fromPage(t, signedIn, 'GET', '/api/v1/account/identities')).json().hasPassword).toBe(true);
  });
});

describe('connecting Google to an existing account', () => {
  it('asks the owner to log in first, connects on that login, and signs in with Google afterwards', async () => {
    const owner = await t.createUser();
    const run = await signInWithGoogle(owner.email);
    expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'link_required', email: owner.email });
    // Nothing is connected and nobody is signed in yet.
    expect((await fromPage(t, run.jar, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const beforeProof = await signInWithGoogle(owner.email);
    expect((await outcomeOf(t, beforeProof.jar)).json().outcome).toBe('link_required');

    const login = await fromPage(t, run.jar, 'POST', '/api/v1/auth/login', { email: owner.email, password: owner.password });
    expect(login.statusCode).toBe(200);
    const identities = await fromPage(t, run.jar, 'GET', '/api/v1/account/identities');
    expect(identities.json().identities).toHaveLength(1);
    expect((await t.lastMailTo(owner.email))?.subject).toBe('Google was connected to your Workgate account');

    const later = await signInWithGoogle(owner.email);
    expect((await outcomeOf(t, later.jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: owner.id } });
  });

  it('does not connect when a different account logs in in that browser', async () => {
    const owner = await t.createUser();
    const other = await t.createUser();
    const run = await signInWithGoogle(owner.email);
    expect((await fromPage(t, run.jar, 'POST', '/api/v1/auth/login', { email: other.email, password: other.password })).statusCode).toBe(200);
    expect((await fromPage(t, run.jar, 'GET', '/api/v1/account/identities')).json().identities).toEqual([]);
    const ownerLater = await signInWithGoogle(owner.email);
    expect((await outcomeOf(t, ownerLater.jar)).json().outcome).toBe('link_required');
  });

  it('connects through a mailed link instead of a login', async () => {
    const owner = await t.createUser();
    const run = await signInWithGoogle(owner.email);
    expect((await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/link/email')).statusCode).toBe(202);
    const token = await t.tokenFromMail(owner.email, '/connect-provider');
    const confirmed = await t.request('POST', '/api/v1/auth/oidc/link/confirm', { body: { token } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().provider).toEqual({ id: 'google', label: 'Google', kind: 'google' });
    const reused = await t.request('POST', '/api/v1/auth/oidc/link/confirm', { body: { token } });
    expect(reused.json().code).toBe('invalid_token');
    const later = await signInWithGoogle(owner.email);
    expect((await outcomeOf(t, later.jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: owner.id } });
  });

  it('still asks for the second step of an account with an authenticator app', async () => {
    const owner = await t.createUser();
    const { secret } = await enrolTotpFor(t, owner);
    const run = await signInWithGoogle(owner.email);
    // Proving the account takes the password and the code.
    const first = await fromPage(t, run.jar, 'POST', '/api/v1/auth/login', { email: owner.email, password: owner.password });
    t.clock.advance(30_000);
    const second = await fromPage(t, run.jar, 'POST', '/api/v1/auth/login/mfa', { challenge: first.json().challenge, method: 'totp', code: totpCode(t, secret) });
    expect(second.statusCode).toBe(200);

    t.clock.advance(30_000);
    const later = await signInWithGoogle(owner.email);
    const outcome = (await outcomeOf(t, later.jar)).json();
    expect(outcome).toMatchObject({ outcome: 'mfa_required', methods: expect.arrayContaining(['totp']) });
    expect((await fromPage(t, later.jar, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const done = await fromPage(t, later.jar, 'POST', '/api/v1/auth/login/mfa', { challenge: outcome.challenge, method: 'totp', code: totpCode(t, secret) });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.id).toBe(owner.id);
  });

  it('connects from the security settings after a recent sign-in, and refuses a Google account connected elsewhere', async () => {
    const owner = await t.createUser();
    const jar = new CookieJar(await t.signIn(owner));
    const googleAccount = fresh('work');
    const run = await signInWithGoogle(googleAccount, { jar, intent: 'link', next: '/settings/security' });
    expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'linked', next: '/settings/security' });
    expect((await fromPage(t, jar, 'GET', '/api/v1/account/identities')).json().identities[0].email).toBe(googleAccount);

    const other = await t.createUser();
    const otherJar = new CookieJar(await t.signIn(other));
    const taken = await signInWithGoogle(googleAccount, { jar: otherJar, intent: 'link' });
    expect(taken.error).toBe('oidc_identity_taken');

    t.clock.advance(11 * MINUTE);
    const stale = await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/google/authorize', { intent: 'link' });
    expect(stale.json().code).toBe('reauthentication_required');
    const anonymous = await fromPage(t, new CookieJar(), 'POST', '/api/v1/auth/oidc/google/authorize', { intent: 'link' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the admin\'s word holds for provider sign-ins too', () => {
  it('a forced password reset stops a Google sign-in and mails the owner a reset link', async () => {
    const login = fresh();
    const { user } = await signUpWithGoogle(login);
    await t.platform.db.update(users).set({ mustResetPassword: true }).where(eq(users.id, user.id));
    const run = await signInWithGoogle(login);
    expect(run.error).toBe('password_reset_required');
    expect(run.jar.has('wg_session')).toBe(false);
    expect(await t.tokenFromMail(login, '/reset-password')).toBeTruthy();
  });
});

describe('unverified addresses never connect anything', () => {
  it('refuses a Google address Google has not verified, and creates nothing', async () => {
    const login = `unverified.${fresh()}`;
    const run = await signInWithGoogle(login);
    expect(run.error).toBe('oidc_email_unverified');
    expect(await t.platform.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.email, login) })).toBeUndefined();
  });

  it('refuses to connect to an existing account through an unverified Google address', async () => {
    const owner = await t.createUser();
    const run = await signInWithGoogle(`unverified.${owner.email}`);
    expect(run.error).toBe('oidc_email_unverified');
  });

  it('replaces a sign-up nobody confirmed: the password someone chose for it stops working', async () => {
    const login = fresh('victim');
    const squatter = await t.createUser({ email: login, verified: false });
    const run = await signInWithGoogle(login);
    expect((await outcomeOf(t, run.jar)).json().outcome).toBe('signup_required');
    const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'freelancer', name: 'The Owner', acceptTerms: true });
    expect(signup.statusCode).toBe(200);
    expect(signup.json().user.id).not.toBe(squatter.id);
    const squatterLogin = await t.request('POST', '/api/v1/auth/login', { body: { email: login, password: squatter.password } });
    expect(squatterLogin.statusCode).toBe(401);
  });
});

describe('callbacks that must not sign anyone in', () => {
  it('a replayed callback ends oidc_invalid_state', async () => {
    const login = fresh();
    await signUpWithGoogle(login);
    const run = await signInWithGoogle(login);
    expect(run.error).toBeNull();
    const replay = await deliverCallback(t, run.jar, run.callback, google.issuer);
    expect(new URL(replay.headers.location as string).searchParams.get('error')).toBe('oidc_invalid_state');
  });

  it('a callback delivered to another browser (login CSRF) ends oidc_invalid_state and signs nobody in', async () => {
    const attacker = new CookieJar();
    const authorize = await fromPage(t, attacker, 'POST', '/api/v1/auth/oidc/google/authorize', {});
    const answer = await authorizeAtStandIn(authorize.json().authorizationUrl, { login: fresh('attacker') });
    if (answer.kind !== 'redirect') throw new Error('expected a redirect');
    const victim = new CookieJar();
    const response = await deliverCallback(t, victim, { method: 'GET', url: `${answer.url.pathname}${answer.url.search}` }, google.issuer);
    expect(new URL(response.headers.location as string).searchParams.get('error')).toBe('oidc_invalid_state');
    expect(victim.has('wg_session')).toBe(false);
    expect(await auditReasons(null)).toContainEqual(expect.objectContaining({ reason: 'unknown_state', method: 'google' }));
  });

  it('a forged code ends oidc_failed; a refused consent ends oidc_denied', async () => {
    const jar = new CookieJar();
    const authorize = await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/google/authorize', {});
    const answer = await authorizeAtStandIn(authorize.json().authorizationUrl, { login: fresh() });
    if (answer.kind !== 'redirect') throw new Error('expected a redirect');
    answer.url.searchParams.set('code', 'forged-code');
    const forged = await deliverCallback(t, jar, { method: 'GET', url: `${answer.url.pathname}${answer.url.search}` }, google.issuer);
    expect(new URL(forged.headers.location as string).searchParams.get('error')).toBe('oidc_failed');
    expect(jar.has('wg_session')).toBe(false);

    const denied = await signInWithGoogle(fresh(), { consent: false });
    expect(denied.error).toBe('oidc_denied');
  });

  it("Apple's own cancel code reads as a cancel too", async () => {
    const jar = new CookieJar();
    const authorize = await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/google/authorize', {});
    const state = new URL(authorize.json().authorizationUrl).searchParams.get('state')!;
    const callback = { method: 'GET' as const, url: `/api/v1/auth/oidc/google/callback?error=user_cancelled_authorize&state=${state}` };
    const response = await deliverCallback(t, jar, callback, google.issuer);
    expect(new URL(response.headers.location as string).searchParams.get('error')).toBe('oidc_denied');
  });

  it('a callback with junk parameters is a redirect with a code, never a 500', async () => {
    for (const url of [
      '/api/v1/auth/oidc/google/callback',
      '/api/v1/auth/oidc/google/callback?state=x&code=y',
      '/api/v1/auth/oidc/google/callback?state=a&state=b',
      '/api/v1/auth/oidc/google/callback?form=not-a-ticket',
      '/api/v1/auth/oidc/google/callback?error=access_denied',
    ]) {
      const response = await t.request('GET', url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toMatch(/\/login\/provider\?error=oidc_invalid_state&provider=google$/);
    }
    const unknown = await t.request('GET', '/api/v1/auth/oidc/nope/callback?state=x');
    expect(unknown.statusCode).toBe(303);
    // A provider that is not configured is not named on the page.
    expect(unknown.headers.location).toMatch(/\/login\/provider\?error=provider_not_configured$/);
    expect((await t.request('GET', '/api/v1/auth/oidc/outcome')).statusCode).toBe(404);
  });

  it('keeps only a path on this site as where to go next', async () => {
    const login = fresh();
    await signUpWithGoogle(login);
    const run = await signInWithGoogle(login, { next: '//evil.example/steal' });
    expect((await outcomeOf(t, run.jar)).json().next).toBe('/onboarding');
  });
});

describe('disconnecting and confirming it is you', () => {
  it('refuses to disconnect the only way to sign in, allows it once a password exists', async () => {
    const login = fresh();
    const { jar } = await signUpWithGoogle(login);
    const [identity] = (await fromPage(t, jar, 'GET', '/api/v1/account/identities')).json().identities;
    const refused = await fromPage(t, jar, 'DELETE', `/api/v1/account/identities/${identity.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('last_sign_in_method');

    await fromPage(t, jar, 'POST', '/api/v1/account/password/setup-link');
    const token = await t.tokenFromMail(login, '/reset-password');
    await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: STRONG_PASSWORD } });
    const signedIn = new CookieJar(await t.signIn({ email: login, password: STRONG_PASSWORD }));
    expect((await fromPage(t, signedIn, 'DELETE', `/api/v1/account/identities/${identity.id}`)).statusCode).toBe(204);
    expect((await fromPage(t, signedIn, 'GET', '/api/v1/account/identities')).json().identities).toEqual([]);
    const another = await fromPage(t, signedIn, 'DELETE', `/api/v1/account/identities/${identity.id}`);
    expect(another.statusCode).toBe(404);
  });

  it('ends the sessions that began with Google when Google is disconnected, but not the one asking or a password session', async () => {
    const login = fresh();
    const { jar } = await signUpWithGoogle(login);
    await fromPage(t, jar, 'POST', '/api/v1/account/password/setup-link');
    const token = await t.tokenFromMail(login, '/reset-password');
    await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: STRONG_PASSWORD } });

    const throughGoogle = (await signInWithGoogle(login)).jar;
    const listed = (await fromPage(t, throughGoogle, 'GET', '/api/v1/account/sessions')).json().sessions;
    expect(listed.find((s: { current: boolean }) => s.current).signedInWith).toEqual({
      method: 'provider',
      provider: { id: 'google', label: expect.any(String), kind: 'google' },
    });
    const withPassword = new CookieJar(await t.signIn({ email: login, password: STRONG_PASSWORD }));
    const asking = new CookieJar(await t.signIn({ email: login, password: STRONG_PASSWORD }));
    const [identity] = (await fromPage(t, asking, 'GET', '/api/v1/account/identities')).json().identities;

    const disconnected = await fromPage(t, asking, 'DELETE', `/api/v1/account/identities/${identity.id}`);
    expect(disconnected.statusCode).toBe(204);
    // The password session remains, so the answer offers to sign it out too (ASVS 7.4.3).
    expect(disconnected.headers['workgate-other-sessions']).toBe('1');
    expect((await fromPage(t, throughGoogle, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await fromPage(t, withPassword, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await fromPage(t, asking, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('a Google-only member confirms it is them with Google when a change needs a recent sign-in', async () => {
    const login = fresh();
    const { jar } = await signUpWithGoogle(login);
    t.clock.advance(11 * MINUTE);
    const [identity] = (await fromPage(t, jar, 'GET', '/api/v1/account/identities')).json().identities;
    expect((await fromPage(t, jar, 'DELETE', `/api/v1/account/identities/${identity.id}`)).json().code).toBe('reauthentication_required');

    // The provider is asked for a fresh sign-in, not an open session on this computer.
    const asked = new URL((await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/google/authorize', { intent: 'reauthenticate' })).json().authorizationUrl);
    expect(asked.searchParams.get('prompt')).toBe('login');
    expect(asked.searchParams.get('max_age')).toBe('300');

    const wrong = await signInWithGoogle(fresh('someone.else'), { jar, intent: 'reauthenticate' });
    expect(wrong.error).toBe('oidc_wrong_account');
    const run = await signInWithGoogle(login, { jar, intent: 'reauthenticate', next: '/settings/security' });
    expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'reauthenticated', next: '/settings/security' });
    // Recent again: the change is now judged on its merits (the only way in stays).
    expect((await fromPage(t, jar, 'DELETE', `/api/v1/account/identities/${identity.id}`)).json().code).toBe('last_sign_in_method');
  });
});

describe('a generic provider configured by name', () => {
  it('signs up through it, and a sign-in it reports as multi-factor skips the second step', async () => {
    const login = `${fresh('sso')}`.replace('@', '+mfa@');
    const run = await runProviderSignIn(t, { provider: 'acme', login, providerOrigin: google.issuer });
    const outcome = (await outcomeOf(t, run.jar)).json();
    expect(outcome).toMatchObject({ outcome: 'signup_required', provider: { id: 'acme', label: 'Acme SSO', kind: 'oidc' } });
    const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'Sso User', acceptTerms: true });
    const user = signup.json().user;
    // Turn on an authenticator app for the account (via a password set by mail).
    await fromPage(t, run.jar, 'POST', '/api/v1/account/password/setup-link');
    const token = await t.tokenFromMail(login, '/reset-password');
    await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: STRONG_PASSWORD } });
    await enrolTotpFor(t, { ...user, password: STRONG_PASSWORD });

    const later = await runProviderSignIn(t, { provider: 'acme', login, providerOrigin: google.issuer });
    expect((await outcomeOf(t, later.jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: user.id } });
  });
});

describe('a provider that cannot be reached', () => {
  it('answers 503 oidc_unavailable when a sign-in starts, and keeps offering the provider', async () => {
    const down = await createTestApp({
      env: { GOOGLE_CLIENT_ID: 'workgate-web', GOOGLE_CLIENT_SECRET: 'web-secret', GOOGLE_ISSUER: 'http://127.0.0.1:9/' },
    });
    try {
      const response = await fromPage(down, new CookieJar(), 'POST', '/api/v1/auth/oidc/google/authorize', {});
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe('oidc_unavailable');
      // The button stays: the provider is configured, only unreachable for now.
      expect((await down.request('GET', '/api/v1/auth/providers')).json().providers).toHaveLength(1);
    } finally {
      await down.close();
    }
  });
});
