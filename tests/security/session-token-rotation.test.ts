/**
 * Session tokens that outlive the authentication they came with: a token copied before a
 * step-up (malware, a shared computer, a leaked log) must not gain the window for sensitive
 * changes that the owner's step-up opens, and a browser that signs in while holding a
 * session must not leave that session alive behind the new one.
 *
 * Requirement: ASVS 5.0 7.2.4 (a new session token on authentication and re-authentication,
 * and the current one terminated); NIST SP 800-63B-4 §5 (session management: a session
 * secret belongs to the authentication event that created it).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/server/modules/security/audit.table.js';
import { startStandIn, type StandIn } from '../helpers/oidc-stand-in.js';
import { CookieJar, fromPage, outcomeOf, runProviderSignIn } from '../helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';

let google: StandIn;
let t: TestApp;

beforeAll(async () => {
  google = await startStandIn({
    kind: 'google',
    clients: [{ clientId: 'workgate-web', clientSecret: 'web-secret', redirectUris: [`${PUBLIC_URL}/api/v1/auth/oidc/google/callback`] }],
  });
});
afterAll(async () => google.close());
beforeEach(async () => {
  t = await createTestApp({ redis: true, env: { GOOGLE_CLIENT_ID: 'workgate-web', GOOGLE_CLIENT_SECRET: 'web-secret', GOOGLE_ISSUER: google.issuer } });
});
afterEach(async () => t.close());

const session = (auth: { cookie?: string; bearer?: string }) => t.request('GET', '/api/v1/auth/session', auth);
/** A sensitive change behind step-up: starting an authenticator set-up. */
const startAuthenticator = (auth: { cookie?: string; bearer?: string }) => t.request('POST', '/api/v1/account/mfa/totp', auth);

async function sessionEvents(userId: string) {
  const rows = await t.platform.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.event, 'session_revoked'), eq(auditEvents.userId, userId)));
  return rows.map((row) => row.details);
}

async function tokenFor(user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
  expect(response.statusCode).toBe(200);
  return response.json().token;
}

describe('a step-up', () => {
  it('gives a browser a new cookie, and the copy taken before it opens nothing', async () => {
    const user = await t.createUser();
    const copied = await t.signIn(user);
    t.clock.advance(11 * MINUTE);

    const stepUp = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: copied, body: { password: user.password } });
    expect(stepUp.statusCode).toBe(204);
    const renewed = sessionCookieOf(stepUp);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(copied);

    expect((await startAuthenticator({ cookie: copied })).statusCode).toBe(401);
    expect((await session({ cookie: copied })).statusCode).toBe(401);
    // The same session goes on with its new token, with the window open.
    const ownSession = await session({ cookie: renewed! });
    expect(ownSession.statusCode).toBe(200);
    expect((await startAuthenticator({ cookie: renewed! })).statusCode).toBe(200);
  });

  it('answers a bearer client its new token, and the old token stops working', async () => {
    const user = await t.createUser();
    const copied = await tokenFor(user);
    const before = (await session({ bearer: copied })).json().session;
    t.clock.advance(11 * MINUTE);

    const stepUp = await t.request('POST', '/api/v1/auth/reauthenticate', { bearer: copied, body: { password: user.password } });
    expect(stepUp.statusCode).toBe(200);
    expect(stepUp.headers['set-cookie']).toBeUndefined();
    const { token, expiresAt } = stepUp.json();
    expect(token).not.toBe(copied);

    expect((await startAuthenticator({ bearer: copied })).statusCode).toBe(401);
    const after = await session({ bearer: token });
    expect(after.json().session).toMatchObject({ id: before.id, expiresAt });
    expect((await startAuthenticator({ bearer: token })).statusCode).toBe(200);
  });

  it('through Google gives the browser a new cookie too', async () => {
    const login = `rotation+${Date.now()}@gmail.test`;
    const first = await runProviderSignIn(t, { provider: 'google', login, providerOrigin: google.issuer });
    const signup = await fromPage(t, first.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'Rota Tion', acceptTerms: true });
    expect(signup.statusCode).toBe(200);
    const copied = first.jar.header();
    t.clock.advance(11 * MINUTE);

    const run = await runProviderSignIn(t, { provider: 'google', login, providerOrigin: google.issuer, jar: first.jar, intent: 'reauthenticate' });
    expect((await outcomeOf(t, run.jar)).json().outcome).toBe('reauthenticated');
    expect(run.jar.header()).not.toBe(copied);
    expect((await fromPage(t, new CookieJar(copied), 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await fromPage(t, run.jar, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
  });
});

describe('a login in a browser that holds a session', () => {
  it('ends the session the browser presented', async () => {
    const user = await t.createUser();
    const old = await t.signIn(user);
    const elsewhere = await t.signIn(user);
    const oldId = (await session({ cookie: old })).json().session.id;

    const login = await t.request('POST', '/api/v1/auth/login', { cookie: old, body: { email: user.email, password: user.password } });
    expect(login.statusCode).toBe(200);
    expect(sessionCookieOf(login)).not.toBe(old);
    expect((await session({ cookie: old })).statusCode).toBe(401);
    expect((await session({ cookie: sessionCookieOf(login)! })).statusCode).toBe(200);
    // Only that browser's session: the person's other devices stay signed in.
    expect((await session({ cookie: elsewhere })).statusCode).toBe(200);
    expect(await sessionEvents(user.id)).toEqual([{ sessionId: oldId, reason: 'replaced_by_sign_in' }]);
  });

  it('ends it when someone else signs in on that browser, and a dead or made-up cookie changes nothing', async () => {
    const first = await t.createUser();
    const second = await t.createUser();
    const left = await t.signIn(first);
    const login = await t.request('POST', '/api/v1/auth/login', { cookie: left, body: { email: second.email, password: second.password } });
    expect(login.statusCode).toBe(200);
    expect((await session({ cookie: left })).statusCode).toBe(401);
    expect((await sessionEvents(first.id)).map((details) => details.reason)).toEqual(['replaced_by_sign_in']);

    const again = await t.request('POST', '/api/v1/auth/login', { cookie: left, body: { email: second.email, password: second.password } });
    expect(again.statusCode).toBe(200);
    const madeUp = await t.request('POST', '/api/v1/auth/login', { cookie: 'wg_session=not-a-token', body: { email: second.email, password: second.password } });
    expect(madeUp.statusCode).toBe(200);
    expect(await sessionEvents(first.id)).toHaveLength(1);
    expect(await sessionEvents(second.id)).toEqual([]);
  });
});
