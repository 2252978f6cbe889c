/**
 * Cross-site request forgery.
 *
 * Requirement (issue 2, "Rules the tests must pin down"): cookie-authenticated
 * POST/PUT/PATCH/DELETE without an `Origin` equal to PUBLIC_URL's origin get
 * 403 csrf_rejected; bearer requests are not checked. ARCHITECTURE.md, "Authentication
 * design": unsafe requests authenticated by cookie must carry that Origin. A request from
 * a foreign Origin is refused even without a cookie (login CSRF, OWASP CSRF Prevention
 * Cheat Sheet, "Verifying Origin With Standard Headers"). A refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { users } from '../../src/server/modules/accounts/accounts.table.js';
import {
  createTestApp,
  OTHER_STRONG_PASSWORD,
  ORIGIN,
  sessionCookieOf,
  STRONG_PASSWORD,
  type TestApp,
  type TestUser,
} from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Origins a hostile page could send: other sites, look-alikes, other ports and schemes, sandboxed frames. */
const FOREIGN_ORIGINS = [
  'https://evil.example',
  'http://localhost:3000.evil.example',
  'http://evil-localhost:3000',
  'http://localhost:3001',
  'https://localhost:3000',
  'null',
];

function expectCsrfRejected(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(403);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().code).toBe('csrf_rejected');
  // A refused request never hands out or replaces a session.
  expect(sessionCookieOf(response)).toBeUndefined();
}

async function sessionIsAlive(cookie: string): Promise<boolean> {
  return (await t.request('GET', '/api/v1/auth/session', { cookie })).statusCode === 200;
}

async function currentSessionId(cookie: string): Promise<string> {
  const response = await t.request('GET', '/api/v1/auth/session', { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().session.id;
}

async function passwordWorks(user: Pick<TestUser, 'email'>, password: string): Promise<boolean> {
  const response = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password } });
  return response.statusCode === 200;
}

describe('cookie-authenticated unsafe requests without Origin', () => {
  let user: TestUser;
  let cookie: string;
  let otherCookie: string;
  beforeAll(async () => {
    user = await t.createUser();
    cookie = await t.signIn(user);
    otherCookie = await t.signIn(user);
  });

  it('logout is refused and the session still exists', async () => {
    expectCsrfRejected(await t.request('POST', '/api/v1/auth/logout', { cookie, origin: null }));
    expect(await sessionIsAlive(cookie)).toBe(true);
  });

  it('revoking a session by id is refused and the session still exists', async () => {
    const id = await currentSessionId(otherCookie);
    expectCsrfRejected(await t.request('DELETE', `/api/v1/account/sessions/${id}`, { cookie, origin: null }));
    expect(await sessionIsAlive(otherCookie)).toBe(true);
  });

  it('"log out of all devices" is refused and every session still exists', async () => {
    const response = await t.request('POST', '/api/v1/account/sessions/revoke-all', {
      cookie,
      origin: null,
      body: { includeCurrent: true },
    });
    expectCsrfRejected(response);
    expect(await sessionIsAlive(cookie)).toBe(true);
    expect(await sessionIsAlive(otherCookie)).toBe(true);
  });

  it('changing the password is refused and the old password still works', async () => {
    const response = await t.request('POST', '/api/v1/account/password', {
      cookie,
      origin: null,
      body: { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD },
    });
    expectCsrfRejected(response);
    expect(await passwordWorks(user, user.password)).toBe(true);
    expect(await passwordWorks(user, OTHER_STRONG_PASSWORD)).toBe(false);
    expect(await sessionIsAlive(otherCookie)).toBe(true);
  });

  it('a login that carries a stale cookie is refused too', async () => {
    const response = await t.request('POST', '/api/v1/auth/login', {
      cookie,
      origin: null,
      body: { email: user.email, password: user.password },
    });
    expectCsrfRejected(response);
  });

  it('a stray Authorization header does not switch the check off for the cookie', async () => {
    // Browsers resend cached Basic credentials on their own; that must not let a forged
    // form ride on the cookie. Either the origin check or authentication refuses it.
    const response = await t.request('POST', '/api/v1/auth/logout', {
      cookie,
      origin: null,
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect([401, 403]).toContain(response.statusCode);
    expect(await sessionIsAlive(cookie)).toBe(true);
  });
});

describe('requests from a foreign Origin', () => {
  let user: TestUser;
  let cookie: string;
  beforeAll(async () => {
    user = await t.createUser();
    cookie = await t.signIn(user);
  });

  it.each(FOREIGN_ORIGINS)('logout with the cookie from %s is refused and the session lives on', async (origin) => {
    expectCsrfRejected(await t.request('POST', '/api/v1/auth/logout', { cookie, origin }));
    expect(await sessionIsAlive(cookie)).toBe(true);
  });

  it.each(FOREIGN_ORIGINS)('deleting a session with the cookie from %s is refused', async (origin) => {
    const id = await currentSessionId(cookie);
    expectCsrfRejected(await t.request('DELETE', `/api/v1/account/sessions/${id}`, { cookie, origin }));
    expect(await sessionIsAlive(cookie)).toBe(true);
  });

  it.each(FOREIGN_ORIGINS)('login without any cookie from %s is refused (login CSRF)', async (origin) => {
    const response = await t.request('POST', '/api/v1/auth/login', {
      origin,
      body: { email: user.email, password: user.password },
    });
    expectCsrfRejected(response);
  });

  it('sign-up from a foreign Origin is refused and creates no account and sends no mail', async () => {
    const email = 'csrf-signup@example.com';
    const mailBefore = (await t.mail()).length;
    const response = await t.request('POST', '/api/v1/auth/signup', {
      origin: 'https://evil.example',
      body: { email, password: STRONG_PASSWORD, name: 'Forged', role: 'client' },
    });
    expectCsrfRejected(response);
    expect(await t.platform.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect((await t.mail()).length).toBe(mailBefore);
  });
});

describe('requests with the right Origin', () => {
  it('logout with the cookie and Origin equal to PUBLIC_URL ends the session', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const response = await t.request('POST', '/api/v1/auth/logout', { cookie, origin: ORIGIN });
    expect(response.statusCode).toBe(204);
    expect(await sessionIsAlive(cookie)).toBe(false);
  });

  it('deleting another of one’s sessions with the cookie and the right Origin works', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const other = await t.signIn(user);
    const id = await currentSessionId(other);
    const response = await t.request('DELETE', `/api/v1/account/sessions/${id}`, { cookie, origin: ORIGIN });
    expect(response.statusCode).toBe(204);
    expect(await sessionIsAlive(other)).toBe(false);
    expect(await sessionIsAlive(cookie)).toBe(true);
  });

  it('login with the right Origin and no cookie signs in', async () => {
    const user = await t.createUser();
    const response = await t.request('POST', '/api/v1/auth/login', {
      origin: ORIGIN,
      body: { email: user.email, password: user.password },
    });
    expect(response.statusCode).toBe(200);
    expect(sessionCookieOf(response)).toBeDefined();
  });

  it('login without Origin and without cookie (a non-browser client) is allowed', async () => {
    const user = await t.createUser();
    const response = await t.request('POST', '/api/v1/auth/login', { origin: null, body: { email: user.email, password: user.password } });
    expect(response.statusCode).toBe(200);
  });
});

describe('bearer-token requests are not origin-checked', () => {
  async function bearerFor(user: TestUser): Promise<string> {
    const response = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
    expect(response.statusCode).toBe(200);
    return response.json().token;
  }

  it('a native app changes the password and logs out without sending Origin', async () => {
    const user = await t.createUser();
    const bearer = await bearerFor(user);
    const change = await t.request('POST', '/api/v1/account/password', {
      bearer,
      origin: null,
      body: { currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD },
    });
    expect(change.statusCode).toBe(200);
    expect(await passwordWorks(user, OTHER_STRONG_PASSWORD)).toBe(true);

    const logout = await t.request('POST', '/api/v1/auth/logout', { bearer, origin: null });
    expect(logout.statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/session', { bearer })).statusCode).toBe(401);
  });

  it('a native app deletes one of its sessions and revokes all without sending Origin', async () => {
    const user = await t.createUser();
    const bearer = await bearerFor(user);
    const cookie = await t.signIn(user);
    const id = await currentSessionId(cookie);
    const remove = await t.request('DELETE', `/api/v1/account/sessions/${id}`, { bearer, origin: null });
    expect(remove.statusCode).toBe(204);
    expect(await sessionIsAlive(cookie)).toBe(false);

    const revokeAll = await t.request('POST', '/api/v1/account/sessions/revoke-all', {
      bearer,
      origin: null,
      body: { includeCurrent: true },
    });
    expect(revokeAll.statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/session', { bearer })).statusCode).toBe(401);
  });
});
