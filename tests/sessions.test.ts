/**
 * Sessions as a signed-in person and as someone holding a stolen or stale token see them:
 * the session check, logout, cookie attributes, lifetimes, and the list of devices with
 * per-device and "everywhere" sign-out.
 * Requirements: issue 2 (GET /auth/session, POST /auth/logout, /account/sessions rows;
 * "Without rememberMe the cookie has no Max-Age and the session ends after 24 hours; with
 * rememberMe the cookie and the session last 30 days, extended on use. Expired or revoked
 * sessions are refused on the very next request"), ARCHITECTURE.md (HttpOnly, Secure,
 * SameSite=Lax, `__Host-` over HTTPS).
 */
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { users } from '../src/server/modules/accounts/accounts.table.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { DAY, HOUR, MINUTE } from './helpers/test-clock.js';

const CHROME_ON_MACOS =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const whoAmI = (auth: { cookie?: string; bearer?: string }) => t.request('GET', '/api/v1/auth/session', auth);
const statusOf = async (auth: { cookie?: string; bearer?: string }) => (await whoAmI(auth)).statusCode;

/** The raw Set-Cookie line for the session cookie. */
function sessionSetCookie(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  const line = lines.find((l) => /^(__Host-)?wg_session=/.test(l));
  if (!line) throw new Error(`no session Set-Cookie in ${JSON.stringify(header)}`);
  return line;
}

async function tokenFor(user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
  expect(response.statusCode).toBe(200);
  return response.json().token;
}

describe('GET /auth/session', () => {
  it('answers the user and the current session', async () => {
    const user = await t.createUser({ name: 'Session Person', role: 'client' });
    const cookie = await t.signIn(user);
    const response = await whoAmI({ cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toEqual({
      user: { id: user.id, email: user.email, name: 'Session Person', role: 'client', emailVerified: true, createdAt: expect.any(String), isAdmin: false },
      session: { id: expect.stringMatching(UUID), createdAt: expect.any(String), expiresAt: expect.any(String), rememberMe: false },
    });
    expect(new Date(body.session.expiresAt).getTime() - new Date(body.session.createdAt).getTime()).toBe(24 * HOUR);

    const remembered = (await whoAmI({ cookie: await t.signIn(user, { rememberMe: true }) })).json().session;
    expect(remembered.rememberMe).toBe(true);
    expect(new Date(remembered.expiresAt).getTime() - new Date(remembered.createdAt).getTime()).toBe(30 * DAY);
  });

  it('answers 401 unauthenticated without credentials or with bogus ones', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const forged = 'A'.repeat(43);
    const cases: { cookie?: string; bearer?: string }[] = [
      {},
      { cookie: 'wg_session=garbage' },
      { cookie: `wg_session=${forged}` },
      { cookie: 'wg_session=' },
      { bearer: 'garbage' },
      { bearer: forged },
      { bearer: '' },
      // A bearer header wins over the cookie: a bad one is not rescued by a good cookie.
      { cookie, bearer: forged },
    ];
    for (const auth of cases) {
      const response = await whoAmI(auth);
      expect(response.statusCode, JSON.stringify(auth)).toBe(401);
      expect(response.json().code).toBe('unauthenticated');
    }
    // The token counts only under the session cookie’s own name.
    expect(await statusOf({ cookie: `other_session=${cookie.split('=')[1]}` })).toBe(401);
  });

  it('refuses a session of an account waiting for a forced password reset, however the session came to exist', async () => {
    // A forced reset ("this wasn't me", an administrator) ends every session as it is set; a
    // login that was hashing its password at that moment can still write one just after.
    const user = await t.createUser();
    const racing = await t.signIn(user);
    await t.platform.db.update(users).set({ mustResetPassword: true }).where(eq(users.id, user.id));
    const refused = await whoAmI({ cookie: racing });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('unauthenticated');
    expect((await t.request('GET', '/api/v1/account/sessions', { cookie: racing })).statusCode).toBe(401);
  });

  it('answers many people checking at once each with their own account, and ended sessions with 401', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => t.createUser({ name: `Concurrent ${i}` })));
    const cookies = await Promise.all(people.map((person) => t.signIn(person)));
    const bearer = await tokenFor(people[0]!);
    const loggedOut = await t.signIn(people[1]!);
    expect((await t.request('POST', '/api/v1/auth/logout', { cookie: loggedOut })).statusCode).toBe(204);

    // Sent together, so the server reads these sessions in the same turn.
    const checks: { auth: { cookie?: string; bearer?: string }; expected: string | 401 }[] = [
      ...cookies.map((cookie, i) => ({ auth: { cookie }, expected: people[i]!.id })),
      { auth: { cookie: cookies[3]! }, expected: people[3]!.id },
      { auth: { bearer }, expected: people[0]!.id },
      { auth: { cookie: loggedOut }, expected: 401 },
      { auth: { cookie: `wg_session=${'B'.repeat(43)}` }, expected: 401 },
    ];
    const responses = await Promise.all(checks.map(({ auth }) => whoAmI(auth)));
    responses.forEach((response, i) => {
      const { expected } = checks[i]!;
      if (expected === 401) expect(response.statusCode, `check ${i}`).toBe(401);
      else expect(response.json().user?.id, `check ${i}`).toBe(expected);
    });
  });
});

describe('POST /auth/logout', () => {
  it('answers 204, clears the cookie, and the same cookie is refused on the very next request', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const other = await t.signIn(user);
    const response = await t.request('POST', '/api/v1/auth/logout', { cookie });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const cleared = response.cookies.find((c) => c.name === 'wg_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires && cleared.expires.getTime()).toBeLessThanOrEqual(Date.now());

    // Replaying the cookie (a copy kept by an attacker or a stale tab) does not work.
    expect(await statusOf({ cookie })).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(401);
    // Only that session ended.
    expect(await statusOf({ cookie: other })).toBe(200);
  });

  it('answers 401 unauthenticated when not signed in', async () => {
    const response = await t.request('POST', '/api/v1/auth/logout');
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });

  it('ends a bearer session too', async () => {
    const user = await t.createUser();
    const bearer = await tokenFor(user);
    expect((await t.request('POST', '/api/v1/auth/logout', { bearer })).statusCode).toBe(204);
    expect(await statusOf({ bearer })).toBe(401);
  });
});

describe('session cookie attributes', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and has no Max-Age without rememberMe', async () => {
    const user = await t.createUser();
    const response = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    const line = sessionSetCookie(response);
    expect(line).toMatch(/^wg_session=[A-Za-z0-9_-]{43};/);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    expect(line).toMatch(/;\s*Path=\/(;|$)/);
    expect(line).not.toMatch(/Max-Age/i);
    expect(line).not.toMatch(/Expires/i);
    expect(line).not.toMatch(/Domain/i);
  });

  it('lasts 30 days with rememberMe', async () => {
    const user = await t.createUser();
    const response = await t.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password, rememberMe: true },
    });
    const line = sessionSetCookie(response);
    expect(line).toMatch(/;\s*Max-Age=2592000(;|$)/);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
  });

  it('over HTTPS is Secure and named __Host-wg_session, and only that name is accepted', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://workgate.example' } });
    try {
      const user = await secure.createUser();
      const response = await secure.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
      expect(response.statusCode).toBe(200);
      const header = response.headers['set-cookie'];
      const line = (Array.isArray(header) ? header : [header ?? '']).find((l) => l.startsWith('__Host-wg_session='))!;
      expect(line).toBeDefined();
      expect(line).toMatch(/;\s*Secure/i);
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).toMatch(/;\s*Path=\/(;|$)/);
      expect(line).not.toMatch(/Domain/i);
      const cookie = sessionCookieOf(response)!;
      expect(cookie.startsWith('__Host-wg_session=')).toBe(true);
      const origin = 'https://workgate.example';
      expect((await secure.request('GET', '/api/v1/auth/session', { cookie, origin })).statusCode).toBe(200);
      // A cookie without the prefix could have been planted by a sibling subdomain: ignored.
      const unprefixed = cookie.replace('__Host-', '');
      expect((await secure.request('GET', '/api/v1/auth/session', { cookie: unprefixed, origin })).statusCode).toBe(401);
      // Logging out clears the prefixed cookie with the same attributes.
      const logout = await secure.request('POST', '/api/v1/auth/logout', { cookie, origin });
      expect(logout.statusCode).toBe(204);
      const cleared = logout.cookies.find((c) => c.name === '__Host-wg_session');
      expect(cleared?.value).toBe('');
      expect(cleared?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('session lifetimes', () => {
  it('without rememberMe, the session is refused 24 hours after sign-in even when used constantly', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (let elapsed = 0; elapsed < 23; elapsed += 1) {
      t.clock.advance(HOUR);
      const response = await whoAmI({ cookie });
      expect(response.statusCode, `after ${elapsed + 1} h`).toBe(200);
      // A plain browser session is never re-sent with a longer life.
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    t.clock.advance(59 * MINUTE);
    expect(await statusOf({ cookie })).toBe(200);
    t.clock.advance(2 * MINUTE);
    const refused = await whoAmI({ cookie });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('unauthenticated');
  });

  it('with rememberMe, the session is extended on use: used every 10 days it is alive after 60 days', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user, { rememberMe: true });
    for (let day = 10; day <= 60; day += 10) {
      t.clock.advance(10 * DAY);
      const response = await whoAmI({ cookie });
      expect(response.statusCode, `day ${day}`).toBe(200);
      // The server moved the expiry 30 days ahead, and the cookie follows it.
      expect(new Date(response.json().session.expiresAt).getTime()).toBe(t.clock.now().getTime() + 30 * DAY);
      expect(sessionSetCookie(response)).toMatch(/;\s*Max-Age=2592000(;|$)/);
      expect(sessionCookieOf(response)).toBe(cookie);
    }
  });

  it('with rememberMe, a session unused for 30 days and a minute is refused', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user, { rememberMe: true });
    const kept = await t.signIn(user, { rememberMe: true });
    t.clock.advance(30 * DAY - MINUTE);
    expect(await statusOf({ cookie: kept })).toBe(200);
    t.clock.advance(2 * MINUTE);
    expect(await statusOf({ cookie })).toBe(401);
    // And the refused session is gone from the device list of the user.
    const listed = (await t.request('GET', '/api/v1/account/sessions', { cookie: kept })).json().sessions;
    expect(listed).toHaveLength(1);
  });
});

describe('GET /account/sessions', () => {
  it('lists the sessions with device, IP and the current one marked', async () => {
    const user = await t.createUser();
    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password, rememberMe: true },
      headers: { 'user-agent': CHROME_ON_MACOS },
    });
    const chrome = sessionCookieOf(login)!;
    const other = await t.signIn(user);

    const response = await t.request('GET', '/api/v1/account/sessions', { cookie: chrome });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { sessions } = response.json();
    const chromeId = (await whoAmI({ cookie: chrome })).json().session.id;
    const otherId = (await whoAmI({ cookie: other })).json().session.id;
    // The session made by the verification link is listed too.
    expect(sessions.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([chromeId, otherId]));
    const current = sessions.find((s: { id: string }) => s.id === chromeId);
    expect(current).toMatchObject({
      id: chromeId,
      current: true,
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      ip: '127.0.0.1',
      device: { browser: 'Chrome', os: 'macOS', type: 'desktop' },
      rememberMe: true,
      signedInWith: { method: 'password', provider: null },
    });
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    // The browser that confirmed the address was signed in by the link.
    expect(sessions.map((s: { signedInWith: { method: string } | null }) => s.signedInWith?.method)).toContain('email_link');
    expect(sessions.find((s: { id: string }) => s.id === otherId)).toMatchObject({ current: false, rememberMe: false });
    // Nothing secret is listed.
    expect(response.body).not.toContain(chrome.split('=')[1]);
    expect(response.body).not.toContain(other.split('=')[1]);
  });

  it('shows only the caller’s own sessions, and answers 401 without a session', async () => {
    const alice = await t.createUser();
    const bob = await t.createUser();
    const aliceCookie = await t.signIn(alice);
    const bobCookie = await t.signIn(bob);
    const bobId = (await whoAmI({ cookie: bobCookie })).json().session.id;
    const aliceList = (await t.request('GET', '/api/v1/account/sessions', { cookie: aliceCookie })).json().sessions;
    expect(aliceList.map((s: { id: string }) => s.id)).not.toContain(bobId);
    const anonymous = await t.request('GET', '/api/v1/account/sessions');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
  });
});

describe('DELETE /account/sessions/:id', () => {
  it('signs out one of your own sessions, refused on its next request', async () => {
    const user = await t.createUser();
    const mine = await t.signIn(user);
    const laptop = await t.signIn(user);
    const laptopId = (await whoAmI({ cookie: laptop })).json().session.id;

    const response = await t.request('DELETE', `/api/v1/account/sessions/${laptopId}`, { cookie: mine });
    expect(response.statusCode).toBe(204);
    expect(await statusOf({ cookie: laptop })).toBe(401);
    expect(await statusOf({ cookie: mine })).toBe(200);
    const listed = (await t.request('GET', '/api/v1/account/sessions', { cookie: mine })).json().sessions;
    expect(listed.map((s: { id: string }) => s.id)).not.toContain(laptopId);
    // Already ended: nothing left to revoke.
    expect((await t.request('DELETE', `/api/v1/account/sessions/${laptopId}`, { cookie: mine })).statusCode).toBe(404);
  });

  it('signs out the current session and clears its cookie', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const id = (await whoAmI({ cookie })).json().session.id;
    const response = await t.request('DELETE', `/api/v1/account/sessions/${id}`, { cookie });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'wg_session')?.value).toBe('');
    expect(await statusOf({ cookie })).toBe(401);
  });

  it('answers 404 not_found for another user’s session and leaves it alive', async () => {
    const attacker = await t.createUser();
    const victim = await t.createUser();
    const attackerCookie = await t.signIn(attacker);
    const victimCookie = await t.signIn(victim);
    const victimId = (await whoAmI({ cookie: victimCookie })).json().session.id;

    const response = await t.request('DELETE', `/api/v1/account/sessions/${victimId}`, { cookie: attackerCookie });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
    expect(await statusOf({ cookie: victimCookie })).toBe(200);
    // Indistinguishable from an id that does not exist.
    const unknown = await t.request('DELETE', '/api/v1/account/sessions/00000000-0000-4000-8000-000000000000', { cookie: attackerCookie });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(response.body);
  });

  it('answers 400 for a malformed id, and 401 without a session', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (const id of ['not-a-uuid', '123', "1' OR '1'='1", '%00']) {
      const response = await t.request('DELETE', `/api/v1/account/sessions/${encodeURIComponent(id)}`, { cookie });
      expect(response.statusCode, id).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    expect(await statusOf({ cookie })).toBe(200);
    const id = (await whoAmI({ cookie })).json().session.id;
    expect((await t.request('DELETE', `/api/v1/account/sessions/${id}`)).statusCode).toBe(401);
    expect(await statusOf({ cookie })).toBe(200);
  });
});

describe('POST /account/sessions/revoke-all', () => {
  it('ends every other session, cookie and bearer, but not the current one', async () => {
    const user = await t.createUser();
    const bystander = await t.createUser();
    const current = await t.signIn(user);
    const phone = await t.signIn(user, { rememberMe: true });
    const app = await tokenFor(user);
    const bystanderCookie = await t.signIn(bystander);

    const response = await t.request('POST', '/api/v1/account/sessions/revoke-all', { cookie: current });
    expect(response.statusCode).toBe(204);
    expect(await statusOf({ cookie: phone })).toBe(401);
    expect(await statusOf({ bearer: app })).toBe(401);
    expect(await statusOf({ cookie: current })).toBe(200);
    expect(await statusOf({ cookie: bystanderCookie })).toBe(200);
    const listed = (await t.request('GET', '/api/v1/account/sessions', { cookie: current })).json().sessions;
    expect(listed).toHaveLength(1);
    expect(listed[0].current).toBe(true);
  });

  it('with includeCurrent ends the current session too', async () => {
    const user = await t.createUser();
    const current = await t.signIn(user);
    const other = await t.signIn(user);
    const response = await t.request('POST', '/api/v1/account/sessions/revoke-all', { cookie: current, body: { includeCurrent: true } });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'wg_session')?.value).toBe('');
    expect(await statusOf({ cookie: current })).toBe(401);
    expect(await statusOf({ cookie: other })).toBe(401);
  });

  it('answers 401 without a session', async () => {
    const response = await t.request('POST', '/api/v1/account/sessions/revoke-all', { body: { includeCurrent: true } });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });
});
