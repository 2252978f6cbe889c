/**
 * Native apps sign in with the provider's own SDK and bring the ID token: POST
 * /auth/oidc/:provider/nonce, then POST /auth/oidc/:provider/token {idToken, nonce, name?}.
 * Against a stand-in Google (tests/helpers/oidc-stand-in.ts) with the web client and two native
 * clients: com.workgate.android (listed in GOOGLE_APP_CLIENT_IDS) and com.evil.app (not).
 * The token must be signed by the provider, for one of our clients, unexpired, and carry a nonce
 * this server issued and nobody used; then it signs in, asks for the second step, or leads to a
 * sign-up whose ticket is good once. It never links itself to an existing password account.
 * Requirements: OpenID Connect Core 1.0 §3.1.3.7 (ID token validation) and §15.5.2 (nonce),
 * RFC 8252 (native apps), Sign in with Apple ("Authenticating users": SHA-256 of the nonce).
 */
import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { enrolTotpFor, totpCode } from './helpers/admin.js';
import { idTokenFromStandIn, startStandIn, subjectFor, type StandIn } from './helpers/oidc-stand-in.js';
import { CookieJar, outcomeOf, runProviderSignIn } from './helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, sessionCookieOf, type TestApp } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

const WEB_CLIENT = 'workgate-web';
const ANDROID = 'com.workgate.android';
const EVIL = 'com.evil.app';
const redirectOf = (clientId: string) => `${clientId}:/oauth2redirect`;
const GOOGLE = { id: 'google', label: 'Google', kind: 'google' };

let standIn: StandIn;
let t: TestApp;

beforeAll(async () => {
  standIn = await startStandIn({
    kind: 'google',
    clients: [
      { clientId: WEB_CLIENT, clientSecret: 'web-secret', redirectUris: [`${PUBLIC_URL}/api/v1/auth/oidc/google/callback`] },
      { clientId: ANDROID, public: true, redirectUris: [redirectOf(ANDROID)] },
      { clientId: EVIL, public: true, redirectUris: [redirectOf(EVIL)] },
    ],
  });
  t = await createTestApp({
    env: {
      GOOGLE_CLIENT_ID: WEB_CLIENT,
      GOOGLE_CLIENT_SECRET: 'web-secret',
      GOOGLE_ISSUER: standIn.issuer,
      GOOGLE_APP_CLIENT_IDS: ANDROID,
    },
    redis: true,
  });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

let people = 0;
/** A Google account nobody used here yet: the local part decides the name ("grace.hopper" → Grace Hopper). */
function newPerson(local: string): string {
  people += 1;
  return `${local}@run${people}-${Date.now()}.example`;
}

const sha256hex = (value: string) => createHash('sha256').update(value).digest('hex');

async function issueNonce(provider = 'google'): Promise<string> {
  const response = await t.request('POST', `/api/v1/auth/oidc/${provider}/nonce`);
  expect(response.statusCode).toBe(200);
  const { nonce, expiresAt } = response.json();
  expect(typeof nonce).toBe('string');
  expect(new Date(expiresAt).getTime()).toBe(t.clock.now().getTime() + 10 * MINUTE);
  return nonce as string;
}

/** What the Android app gets from Google Sign-In for `login` with `nonce`. */
function appIdToken(login: string, nonce: string, clientId = ANDROID): Promise<string> {
  return idTokenFromStandIn(standIn, { clientId, redirectUri: redirectOf(clientId), login, nonce, scope: 'openid email profile' });
}

function exchange(body: Record<string, unknown>, provider = 'google') {
  return t.request('POST', `/api/v1/auth/oidc/${provider}/token`, { body });
}

/** Nonce, ID token, exchange: the whole native sign-in of `login`. */
async function nativeSignIn(login: string) {
  const nonce = await issueNonce();
  const idToken = await appIdToken(login, nonce);
  return { idToken, nonce, response: await exchange({ idToken, nonce }) };
}

/** Signs `login` up through the app as a freelancer; answers the account and its token. */
async function nativeSignUp(login: string) {
  const first = (await nativeSignIn(login)).response;
  expect(first.statusCode).toBe(200);
  const signup = await t.request('POST', '/api/v1/auth/oidc/signup', {
    body: { signupToken: first.json().signupToken, role: 'freelancer', name: 'Native Person', acceptTerms: true },
  });
  expect(signup.statusCode).toBe(200);
  return signup.json() as { token: string; user: { id: string; email: string } };
}

async function googleFailures() {
  const rows = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.event, 'login_failed')).orderBy(asc(auditEvents.id));
  return rows.filter((row) => row.details.method === 'google');
}

/** Runs `act` and answers the reasons of the login_failed rows it wrote for Google. */
async function failureReasons(act: () => Promise<void>): Promise<unknown[]> {
  const before = (await googleFailures()).length;
  await act();
  return (await googleFailures()).slice(before).map((row) => row.details.reason);
}

function expectProblem(response: { statusCode: number; json(): { code?: string } }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.json().code).toBe(code);
}

describe('a native app signs in with an ID token', () => {
  it('first sign-in asks for a sign-up; the sign-up answers a bearer token, no cookie; later sign-ins answer a token directly', async () => {
    const login = newPerson('grace.hopper');
    const first = await nativeSignIn(login);
    expect(first.response.statusCode).toBe(200);
    const answer = first.response.json();
    expect(answer).toEqual({
      signupRequired: true,
      signupToken: expect.any(String),
      email: login.toLowerCase(),
      name: 'Grace Hopper',
      provider: GOOGLE,
    });
    expect(answer.token).toBeUndefined();
    expect(sessionCookieOf(first.response)).toBeUndefined();

    const signup = await t.request('POST', '/api/v1/auth/oidc/signup', {
      body: { signupToken: answer.signupToken, role: 'client', name: 'Grace B. Hopper', acceptTerms: true },
    });
    expect(signup.statusCode).toBe(200);
    const created = signup.json();
    expect(created).toMatchObject({
      token: expect.any(String),
      expiresAt: expect.any(String),
      user: { email: login.toLowerCase(), name: 'Grace B. Hopper', role: 'client', emailVerified: true },
    });
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(sessionCookieOf(signup)).toBeUndefined();
    expect(String(signup.headers['set-cookie'] ?? '')).not.toContain('wg_session');

    const session = await t.request('GET', '/api/v1/auth/session', { bearer: created.token });
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ id: created.user.id, email: login.toLowerCase() });

    const later = await nativeSignIn(login);
    expect(later.response.statusCode).toBe(200);
    expect(later.response.json()).toMatchObject({ token: expect.any(String), user: { id: created.user.id } });
    expect(later.response.json().signupRequired).toBeUndefined();
    expect(later.response.json().token).not.toBe(created.token);
    const laterSession = await t.request('GET', '/api/v1/auth/session', { bearer: later.response.json().token });
    expect(laterSession.json().user.id).toBe(created.user.id);
  });

  it('a sign-up ticket is good once', async () => {
    const first = await nativeSignIn(newPerson('alan.kay'));
    const signupToken = first.response.json().signupToken;
    const body = { signupToken, role: 'freelancer', name: 'Alan Kay', acceptTerms: true };
    expect((await t.request('POST', '/api/v1/auth/oidc/signup', { body })).statusCode).toBe(200);
    const again = await t.request('POST', '/api/v1/auth/oidc/signup', { body: { ...body, role: 'client', name: 'Second Alan' } });
    expectProblem(again, 401, 'challenge_expired');
    expect(again.json().token).toBeUndefined();
  });

  it('accepts Apple-style nonces: the app sends the raw nonce, the ID token carries its SHA-256 in hex', async () => {
    const login = newPerson('ada.lovelace');
    const raw = await issueNonce();
    const idToken = await appIdToken(login, sha256hex(raw));
    expect(decodeJwt(idToken).nonce).toBe(sha256hex(raw));
    const response = await exchange({ idToken, nonce: raw });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ signupRequired: true, email: login.toLowerCase(), provider: GOOGLE });
    // …and, like any nonce, once.
    expectProblem(await exchange({ idToken, nonce: raw }), 401, 'invalid_id_token');
  });

  it('an account with an authenticator app answers a second-step challenge, which /auth/login/mfa completes with a token', async () => {
    const user = await t.createUser({ name: 'Katherine Johnson' });
    const googleLogin = newPerson('katherine.johnson');
    // Connect Google from the browser's security settings, signed in with a fresh password login.
    const link = await runProviderSignIn(t, {
      provider: 'google',
      login: googleLogin,
      providerOrigin: standIn.issuer,
      intent: 'link',
      jar: new CookieJar(await t.signIn(user)),
    });
    expect(link.error).toBeNull();
    expect((await outcomeOf(t, link.jar)).json()).toMatchObject({ outcome: 'linked', provider: GOOGLE });
    const { secret } = await enrolTotpFor(t, user);
    t.clock.advance(30_000); // the next code is not the one enrolment used

    const { response } = await nativeSignIn(googleLogin);
    expect(response.statusCode).toBe(200);
    const step = response.json();
    expect(step).toMatchObject({ mfaRequired: true, challenge: expect.any(String), methods: expect.arrayContaining(['totp']) });
    expect(step.token).toBeUndefined();
    expect(sessionCookieOf(response)).toBeUndefined();

    const done = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: step.challenge, method: 'totp', code: totpCode(t, secret) } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ token: expect.any(String), user: { id: user.id, email: user.email } });
    expect(sessionCookieOf(done)).toBeUndefined();
    const session = await t.request('GET', '/api/v1/auth/session', { bearer: done.json().token });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(user.id);
  });
});

describe('ID tokens that do not sign in', () => {
  it('the same ID token a second time: 401 invalid_id_token (its nonce is spent)', async () => {
    const login = newPerson('linus.pauling');
    const { user } = await nativeSignUp(login);
    const { idToken, nonce, response } = await nativeSignIn(login);
    expect(response.json().user.id).toBe(user.id);
    const reasons = await failureReasons(async () => {
      const again = await exchange({ idToken, nonce });
      expectProblem(again, 401, 'invalid_id_token');
      expect(again.json().token).toBeUndefined();
    });
    expect(reasons).toEqual(['unknown_nonce']);
  });

  it('an ID token whose nonce this server never issued: 401', async () => {
    const login = newPerson('barbara.liskov');
    await nativeSignUp(login);
    const madeUp = randomBytes(32).toString('base64url');
    const idToken = await appIdToken(login, madeUp);
    const reasons = await failureReasons(async () => {
      const response = await exchange({ idToken, nonce: madeUp });
      expectProblem(response, 401, 'invalid_id_token');
      expect(response.json().token).toBeUndefined();
    });
    expect(reasons).toEqual(['unknown_nonce']);
  });

  it('an ID token made for another nonce than the one presented: 401, and the issued nonce is not burnt', async () => {
    const login = newPerson('frances.allen');
    const issued = await issueNonce();
    const stolen = await appIdToken(login, randomBytes(32).toString('base64url'));
    const reasons = await failureReasons(async () => {
      expectProblem(await exchange({ idToken: stolen, nonce: issued }), 401, 'invalid_id_token');
    });
    expect(reasons).toEqual(['nonce_mismatch']);
    const own = await exchange({ idToken: await appIdToken(login, issued), nonce: issued });
    expect(own.statusCode).toBe(200);
    expect(own.json().signupRequired).toBe(true);
  });

  it("an ID token for another app's client id (com.evil.app): 401 invalid_id_token", async () => {
    const login = newPerson('john.backus');
    const { user } = await nativeSignUp(login);
    const nonce = await issueNonce();
    const idToken = await appIdToken(login, nonce, EVIL);
    expect(decodeJwt(idToken).aud).toBe(EVIL);
    const reasons = await failureReasons(async () => {
      const response = await exchange({ idToken, nonce });
      expectProblem(response, 401, 'invalid_id_token');
      expect(response.json().token).toBeUndefined();
    });
    expect(reasons).toEqual(['ERR_JWT_CLAIM_VALIDATION_FAILED']);
    // The account is untouched and its owner's own app still gets in.
    expect((await nativeSignIn(login)).response.json().user.id).toBe(user.id);
  });

  it('an expired ID token: 401', async () => {
    const login = newPerson('dorothy.vaughan');
    await nativeSignUp(login);
    const nonce = await issueNonce();
    const idToken = await appIdToken(login, nonce);
    const exp = decodeJwt(idToken).exp!;
    const now = t.clock.now();
    try {
      t.clock.set(new Date((exp + 120) * 1000));
      const reasons = await failureReasons(async () => {
        const response = await exchange({ idToken, nonce });
        expectProblem(response, 401, 'invalid_id_token');
        expect(response.json().token).toBeUndefined();
      });
      expect(reasons).toEqual(['ERR_JWT_EXPIRED']);
    } finally {
      t.clock.set(now);
    }
  });

  it("an ID token signed with a key that is not the provider's, for an existing account: 401", async () => {
    const login = newPerson('margaret.hamilton');
    await nativeSignUp(login);
    const nonce = await issueNonce();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ nonce, email: login.toLowerCase(), email_verified: true, name: 'Margaret Hamilton' })
      // The provider's key id, so the check is the signature and not a missing key.
      .setProtectedHeader({ alg: 'RS256', kid: 'stand-in-google' })
      .setIssuer(standIn.issuer)
      .setAudience(ANDROID)
      .setSubject(subjectFor(login))
      .setIssuedAt(Math.floor(t.clock.now().getTime() / 1000))
      .setExpirationTime(Math.floor(t.clock.now().getTime() / 1000) + 600)
      .sign(privateKey);
    const reasons = await failureReasons(async () => {
      const response = await exchange({ idToken: forged, nonce });
      expectProblem(response, 401, 'invalid_id_token');
      expect(response.json().token).toBeUndefined();
    });
    expect(reasons).toEqual(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED']);
  });

  it("the address of an existing verified password account: 409 oidc_link_required, and nothing is linked", async () => {
    const owner = await t.createUser();
    const first = await nativeSignIn(owner.email);
    expectProblem(first.response, 409, 'oidc_link_required');
    expect(first.response.json().token).toBeUndefined();
    expect(first.response.json().signupToken).toBeUndefined();

    const cookie = await t.signIn(owner);
    const identities = await t.request('GET', '/api/v1/account/identities', { cookie });
    expect(identities.statusCode).toBe(200);
    expect(identities.json().identities).toEqual([]);
    // Still not connected: a second try gets no further.
    expectProblem((await nativeSignIn(owner.email)).response, 409, 'oidc_link_required');
  });

  it("an address the provider has not verified: 403 oidc_email_unverified", async () => {
    const response = (await nativeSignIn(newPerson('unverified.alan.turing'))).response;
    expectProblem(response, 403, 'oidc_email_unverified');
    expect(response.json().signupToken).toBeUndefined();
    expect(response.json().token).toBeUndefined();
  });
});

describe('bad input', () => {
  it('is answered with 4xx problems, never a 500', async () => {
    const nonce = await issueNonce();
    const missing = await exchange({ nonce });
    expectProblem(missing, 400, 'validation_failed');

    expectProblem(await exchange({ idToken: 'x', nonce: '' }), 400, 'validation_failed');
    expectProblem(await exchange({ idToken: 'x', nonce, extra: true }), 400, 'validation_failed');
    expectProblem(await exchange({ idToken: 'x'.repeat(20_000), nonce }), 400, 'validation_failed');

    expectProblem(await exchange({ idToken: 'x', nonce }, 'github'), 404, 'provider_not_configured');
    expectProblem(await t.request('POST', '/api/v1/auth/oidc/github/nonce'), 404, 'provider_not_configured');
    expectProblem(await exchange({ idToken: 'x', nonce }, 'apple'), 404, 'provider_not_configured');
    expectProblem(await exchange({ idToken: 'x', nonce }, 'Google'), 400, 'validation_failed');

    // Not a JWT at all, or a JWT with garbage inside.
    expectProblem(await exchange({ idToken: 'not-a-jwt', nonce }), 401, 'invalid_id_token');
    expectProblem(await exchange({ idToken: 'eyJhbGciOiJub25lIn0.e30.', nonce }), 401, 'invalid_id_token');
    expectProblem(await exchange({ idToken: 'a.b.c', nonce }), 401, 'invalid_id_token');

    // A sign-up with a made-up ticket.
    const signup = await t.request('POST', '/api/v1/auth/oidc/signup', {
      body: { signupToken: randomBytes(32).toString('base64url'), role: 'client', name: 'Nobody', acceptTerms: true },
    });
    expectProblem(signup, 401, 'challenge_expired');
  });
});
