/**
 * Sign in with Apple in the browser, against a stand-in Apple (tests/helpers/oidc-stand-in.ts):
 * Apple answers with a cross-site form POST (response_mode=form_post) that carries no cookie,
 * tells the person's name only in the `user` field of the first authorization, writes
 * email_verified as the string "true"/"false", and authenticates the app's web client by an
 * ES256 JWT the app signs with its own key. The POST must get past the CSRF check, be bounced to
 * a GET that carries the browser's Lax cookies, and be usable once by the browser that started it.
 * Requirements: OpenID Connect Core 1.0 §3.1, OAuth 2.0 Form Post Response Mode, RFC 6749 §10.12
 * (state), Sign in with Apple REST API ("Creating a client secret", "Incorporating Sign in with
 * Apple into other platforms").
 */
import { asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { authorizeAtStandIn, makeAppleKey, startStandIn, type StandIn } from './helpers/oidc-stand-in.js';
import { CookieJar, deliverCallback, fromPage, outcomeOf, runProviderSignIn, type ProviderRun } from './helpers/provider-browser.js';
import { createTestApp, ORIGIN, PUBLIC_URL, sessionCookieOf, type TestApp } from './helpers/test-app.js';

const WEB_CLIENT = 'com.workgate.web';
const IOS_CLIENT = 'com.workgate.ios';
const TEAM_ID = 'TEAM123456';
const KEY_ID = 'KEY1234567';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/apple/callback`;
const PROVIDER_PAGE = `${PUBLIC_URL}/login/provider`;
const APPLE = { id: 'apple', label: 'Apple', kind: 'apple' };

let standIn: StandIn;
let appleKey: Awaited<ReturnType<typeof makeAppleKey>>;
let t: TestApp;

function appleEnv(privateKeyPem: string): Record<string, string> {
  return {
    APPLE_CLIENT_ID: WEB_CLIENT,
    APPLE_TEAM_ID: TEAM_ID,
    APPLE_KEY_ID: KEY_ID,
    APPLE_PRIVATE_KEY: privateKeyPem,
    APPLE_ISSUER: standIn.issuer,
    APPLE_APP_CLIENT_IDS: IOS_CLIENT,
  };
}

beforeAll(async () => {
  appleKey = await makeAppleKey();
  standIn = await startStandIn({
    kind: 'apple',
    clients: [
      { clientId: WEB_CLIENT, redirectUris: [CALLBACK] },
      { clientId: IOS_CLIENT, public: true, redirectUris: ['com.workgate.ios:/oauth2redirect'] },
    ],
    apple: { teamId: TEAM_ID, keyId: KEY_ID, publicKey: appleKey.publicKey },
  });
  t = await createTestApp({ env: appleEnv(appleKey.privateKeyPem), redis: true });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

let people = 0;
/** A person Apple has never seen: the local part decides the name ("ada.lovelace" → Ada Lovelace). */
function newPerson(local: string, domain = 'icloud.example'): string {
  people += 1;
  return `${local}@run${people}-${Date.now()}.${domain}`;
}

function signIn(login: string, options: { jar?: CookieJar; consent?: boolean; app?: TestApp } = {}): Promise<ProviderRun> {
  return runProviderSignIn(options.app ?? t, {
    provider: 'apple',
    login,
    providerOrigin: standIn.issuer,
    ...(options.jar ? { jar: options.jar } : {}),
    ...(options.consent !== undefined ? { consent: options.consent } : {}),
  });
}

/** Starts an attempt in `jar` and walks Apple's pages; answers Apple's form POST, not yet sent. */
async function appleAnswer(login: string, jar: CookieJar): Promise<ProviderRun['callback']> {
  const authorize = await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/apple/authorize', {});
  expect(authorize.statusCode).toBe(200);
  const answer = await authorizeAtStandIn(authorize.json().authorizationUrl, { login });
  if (answer.kind !== 'form_post') throw new Error('Apple answers with a form POST');
  const action = new URL(answer.action);
  return { method: 'POST', url: `${action.pathname}${action.search}`, fields: answer.fields };
}

function errorOf(response: LightMyRequestResponse): string | null {
  expect(response.statusCode).toBe(303);
  const location = new URL(String(response.headers.location));
  expect(`${location.origin}${location.pathname}`).toBe(PROVIDER_PAGE);
  return location.searchParams.get('error');
}

/** login_failed rows written for Apple, oldest first. */
async function appleFailures(app: TestApp = t) {
  const rows = await app.platform.db.select().from(auditEvents).where(eq(auditEvents.event, 'login_failed')).orderBy(asc(auditEvents.id));
  return rows.filter((row) => row.details.method === 'apple');
}

/** Signs a new person up through Apple as a client; answers the user and the browser. */
async function signUpWithApple(login: string) {
  const run = await signIn(login);
  expect(run.error).toBeNull();
  expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'signup_required' });
  const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'Ada Lovelace', acceptTerms: true });
  expect(signup.statusCode).toBe(200);
  return { user: signup.json().user as { id: string; email: string }, jar: run.jar };
}

describe('Sign in with Apple in the browser', () => {
  it('is listed among the sign-in providers', async () => {
    const response = await t.request('GET', '/api/v1/auth/providers');
    expect(response.statusCode).toBe(200);
    expect(response.json().providers).toContainEqual(APPLE);
  });

  it('a new person: the cross-site form POST is taken, bounced to a GET, and ends in a sign-up with the name Apple told once', async () => {
    const login = newPerson('ada.lovelace');
    const jar = new CookieJar();
    const authorize = await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/apple/authorize', {});
    expect(authorize.statusCode).toBe(200);
    const authorizationUrl = new URL(authorize.json().authorizationUrl);
    expect(authorizationUrl.origin).toBe(standIn.issuer);
    expect(authorizationUrl.searchParams.get('response_mode')).toBe('form_post');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorizationUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'name']));

    const answer = await authorizeAtStandIn(authorizationUrl.href, { login });
    if (answer.kind !== 'form_post') throw new Error('Apple answers with a form POST');
    expect(answer.action).toBe(CALLBACK);
    expect(JSON.parse(answer.fields.user!)).toMatchObject({ name: { firstName: 'Ada', lastName: 'Lovelace' } });

    // Apple's page posts the form: its own Origin, and no cookie of ours rides along.
    expect(new URL(standIn.issuer).origin).not.toBe(ORIGIN);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/apple/callback',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: standIn.issuer },
      payload: new URLSearchParams(answer.fields).toString(),
    });
    expect(post.statusCode).toBe(303);
    const bounce = new URL(String(post.headers.location));
    expect(`${bounce.origin}${bounce.pathname}`).toBe(CALLBACK);
    expect(bounce.searchParams.get('form')).toBeTruthy();
    // The code and the state stay out of the URL (history, logs, Referer).
    expect(post.headers.location).not.toContain(answer.fields.code!);
    expect(post.headers.location).not.toContain(answer.fields.state!);
    expect(sessionCookieOf(post)).toBeUndefined();

    // The bounce is a top-level GET, which carries the browser's Lax cookies.
    const back = jar.take(await t.request('GET', `${bounce.pathname}${bounce.search}`, { cookie: jar.header(), origin: null }));
    expect(errorOf(back)).toBeNull();
    expect(sessionCookieOf(back)).toBeUndefined();

    const outcome = await outcomeOf(t, jar);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.json()).toEqual({
      outcome: 'signup_required',
      provider: APPLE,
      email: login.toLowerCase(),
      name: 'Ada Lovelace',
    });

    const signup = await fromPage(t, jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'Ada Lovelace', acceptTerms: true });
    expect(signup.statusCode).toBe(200);
    expect(sessionCookieOf(signup)).toBeDefined();
    expect(signup.json().user).toMatchObject({ email: login.toLowerCase(), name: 'Ada Lovelace', role: 'client', emailVerified: true });
    const session = await fromPage(t, jar, 'GET', '/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(signup.json().user.id);
  });

  it('a second sign-in, in another browser, signs the same account in without a sign-up', async () => {
    const login = newPerson('grace.hopper');
    const { user } = await signUpWithApple(login);

    const again = await signIn(login, { jar: new CookieJar() });
    expect(again.error).toBeNull();
    expect(again.jar.has('wg_session')).toBe(true);
    const outcome = await outcomeOf(t, again.jar);
    expect(outcome.json()).toMatchObject({ outcome: 'signed_in', provider: APPLE, user: { id: user.id, email: login.toLowerCase() } });
    const session = await fromPage(t, again.jar, 'GET', '/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(user.id);
  });

  it('only the callback takes another site\'s POST: the same Origin on the sign-up route is refused', async () => {
    const run = await signIn(newPerson('mary.somerville'));
    expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'signup_required' });
    // A page on Apple's (or anyone's) site cannot finish the sign-up for this browser.
    const forged = run.jar.take(
      await t.request('POST', '/api/v1/auth/oidc/signup', {
        cookie: run.jar.header(),
        origin: standIn.issuer,
        body: { role: 'client', name: 'Mallory', acceptTerms: true },
      }),
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('csrf_rejected');
    expect(sessionCookieOf(forged)).toBeUndefined();
    // The browser's own page still can.
    const own = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'freelancer', name: 'Mary Somerville', acceptTerms: true });
    expect(own.statusCode).toBe(200);
    expect(own.json().user).toMatchObject({ role: 'freelancer', name: 'Mary Somerville', emailVerified: true });
  });

  it('a private-relay address with email_verified "true" (a string) counts as verified', async () => {
    const login = `x7k2q9fm4t${people++}@privaterelay.appleid.com`;
    const run = await signIn(login);
    expect(run.error).toBeNull();
    expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'signup_required', provider: APPLE, email: login });
    const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'freelancer', name: 'Relay Person', acceptTerms: true });
    expect(signup.statusCode).toBe(200);
    expect(signup.json().user).toMatchObject({ email: login, role: 'freelancer', emailVerified: true });
    expect(sessionCookieOf(signup)).toBeDefined();
  });

  it('email_verified "false" (a string) is not taken for verified', async () => {
    const before = (await appleFailures()).length;
    const run = await signIn(newPerson('unverified.eve'));
    expect(run.error).toBe('oidc_email_unverified');
    expect(run.jar.has('wg_session')).toBe(false);
    expect((await outcomeOf(t, run.jar)).statusCode).toBe(404);
    const added = (await appleFailures()).slice(before);
    expect(added.map((row) => row.details.reason)).toContain('email_unverified');
  });
});

describe('what does not sign in', () => {
  it('a replayed form POST ends in oidc_invalid_state, in the same browser and in another', async () => {
    const login = newPerson('katherine.johnson');
    await signUpWithApple(login);
    const run = await signIn(login);
    expect(run.error).toBeNull();
    expect(run.callback.method).toBe('POST');

    const before = (await appleFailures()).length;
    // The same browser posts the same fields again (back button, a resubmitted form).
    const sameBrowser = await deliverCallback(t, run.jar, run.callback, standIn.issuer);
    expect(errorOf(sameBrowser)).toBe('oidc_invalid_state');
    expect(sessionCookieOf(sameBrowser)).toBeUndefined();

    // Someone who captured the fields replays them from their own browser.
    const attacker = new CookieJar();
    const replay = await deliverCallback(t, attacker, run.callback, standIn.issuer);
    expect(errorOf(replay)).toBe('oidc_invalid_state');
    expect(sessionCookieOf(replay)).toBeUndefined();
    expect(attacker.has('wg_session')).toBe(false);
    expect((await fromPage(t, attacker, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await outcomeOf(t, attacker)).statusCode).toBe(404);

    const added = (await appleFailures()).slice(before);
    expect(added).toHaveLength(2);
    for (const row of added) {
      expect(row.userId).toBeNull();
      expect(row.details).toMatchObject({ method: 'apple', reason: 'unknown_state' });
    }
  });

  it("a form POST whose state belongs to another browser's attempt ends in oidc_invalid_state, and leaves that attempt intact", async () => {
    const victimLogin = newPerson('hedy.lamarr');
    const victim = new CookieJar();
    const victimAnswer = await appleAnswer(victimLogin, victim);

    // The attacker started an attempt of their own (so holds a binding cookie) and delivers the victim's answer.
    const attacker = new CookieJar();
    await appleAnswer(newPerson('mallory'), attacker);
    const before = (await appleFailures()).length;
    const crossed = await deliverCallback(t, attacker, victimAnswer, standIn.issuer);
    expect(errorOf(crossed)).toBe('oidc_invalid_state');
    expect(sessionCookieOf(crossed)).toBeUndefined();
    expect((await outcomeOf(t, attacker)).statusCode).toBe(404);
    expect((await appleFailures()).slice(before).map((row) => row.details.reason)).toEqual(['unknown_state']);

    // The victim's own browser still finishes its attempt.
    const own = await deliverCallback(t, victim, victimAnswer, standIn.issuer);
    expect(errorOf(own)).toBeNull();
    expect((await outcomeOf(t, victim)).json()).toMatchObject({ outcome: 'signup_required', email: victimLogin.toLowerCase(), name: 'Hedy Lamarr' });
  });

  it('cancelling at Apple ends in oidc_denied, without a session', async () => {
    const before = (await appleFailures()).length;
    const run = await signIn(newPerson('ada.byron'), { consent: false });
    expect(run.callback.method).toBe('POST');
    expect(run.error).toBe('oidc_denied');
    expect(run.jar.has('wg_session')).toBe(false);
    expect((await outcomeOf(t, run.jar)).statusCode).toBe(404);
    const added = (await appleFailures()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]!.details).toMatchObject({ method: 'apple', provider: 'Apple', reason: 'provider_access_denied' });
  });

  it('an app configured with another ES256 key than Apple knows cannot exchange the code: oidc_failed, no session', async () => {
    const otherKey = await makeAppleKey();
    const misconfigured = await createTestApp({ env: appleEnv(otherKey.privateKeyPem), redis: true });
    try {
      const run = await signIn(newPerson('joan.clarke'), { app: misconfigured });
      expect(run.error).toBe('oidc_failed');
      expect(run.jar.has('wg_session')).toBe(false);
      expect((await outcomeOf(misconfigured, run.jar)).statusCode).toBe(404);
      expect((await fromPage(misconfigured, run.jar, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
      const failures = await appleFailures(misconfigured);
      expect(failures).toHaveLength(1);
      expect(failures[0]!.userId).toBeNull();
      expect(failures[0]!.details).toMatchObject({ method: 'apple', reason: 'invalid_client' });
      // No account came of it.
      const users = await misconfigured.platform.db.query.users.findMany();
      expect(users).toHaveLength(0);
    } finally {
      await misconfigured.close();
    }
  });
});
