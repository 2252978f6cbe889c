/**
 * GET /account/activity: the signed-in user's own security history.
 * Requirement (issue 4, "Alerts and history"): a security activity page listing the events for
 * the user. Only the user's own rows, newest first, paginated; no secret (token, password,
 * session id) in any answer. OWASP Logging Cheat Sheet ("Data to exclude"); OWASP ASVS V8.3
 * (users can see their own security history).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2030-07-01T12:00:00.000Z'));
});
afterAll(async () => {
  await t.close();
});

const activity = (auth: { cookie?: string; bearer?: string }, query = '') => t.request('GET', `/api/v1/account/activity${query}`, auth);

async function loginFrom(user: TestUser, password: string, ip: string) {
  t.clock.advance(MINUTE);
  return t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password }, ip, headers: { 'user-agent': USER_AGENT } });
}

describe('GET /account/activity', () => {
  it('lists the signed-in user\'s security events newest first, with time, IP, device and a summary', async () => {
    const user = await t.createUser();
    await loginFrom(user, 'not the password at all', '203.0.113.30');
    const login = await loginFrom(user, user.password, '198.51.100.30');
    const cookie = sessionCookieOf(login)!;

    const response = await activity({ cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { events, nextBefore } = response.json();
    expect(nextBefore).toBeNull();
    expect(events.map((e: { event: string }) => e.event)).toEqual([
      'new_device_signed_in',
      'login_succeeded',
      'login_failed',
      // Confirming the address signed that browser in.
      'login_succeeded',
      'email_verified',
      'signup',
    ]);
    const [, succeeded, failed] = events;
    expect(succeeded).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: t.clock.now().toISOString(),
      event: 'login_succeeded',
      ip: '198.51.100.30',
      device: { browser: 'Chrome', os: 'Windows', type: 'desktop' },
      summary: { method: 'password', rememberMe: false },
    });
    expect(failed).toMatchObject({ ip: '203.0.113.30', summary: { reason: 'wrong_password', method: 'password' } });
    const times = events.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('never shows secrets or internal ids: no tokens, passwords or session ids', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const app = (await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } })).json().token;
    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const resetToken = await t.tokenFromMail(user.email, '/reset-password');
    const sessionId = (await t.request('GET', '/api/v1/auth/session', { cookie })).json().session.id;
    await t.request('DELETE', `/api/v1/account/sessions/${sessionId}`, { bearer: app });

    const body = (await activity({ bearer: app })).body;
    for (const secret of [cookie.split('=')[1]!, app, resetToken, user.password, sessionId]) expect(body).not.toContain(secret);
    expect(body).not.toMatch(/sessionId|tokenHash|token_hash/);
    expect(JSON.parse(body).events.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['session_revoked', 'password_reset_requested', 'token_issued']),
    );
  });

  it("shows only the user's own rows, never another account's", async () => {
    const alice = await t.createUser();
    const bob = await t.createUser();
    await loginFrom(bob, 'wrong password for bob', '203.0.113.31');
    await loginFrom(bob, bob.password, '203.0.113.32');
    const cookie = await t.signIn(alice);
    const { events } = (await activity({ cookie })).json();
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e: { ip: string }) => e.ip === '203.0.113.31' || e.ip === '203.0.113.32')).toBe(false);
    // There is no parameter to ask for someone else's history.
    const asking = await activity({ cookie }, `?userId=${bob.id}`);
    expect(asking.statusCode).toBe(400);
  });

  it('pages with limit and before, down to the first event', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 3; i++) await loginFrom(user, `wrong guess ${i} for paging`, `203.0.113.${40 + i}`);
    const cookie = await t.signIn(user);
    const all = (await activity({ cookie }, '?limit=100')).json().events as { id: string }[];
    expect(all.length).toBeGreaterThanOrEqual(6);

    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: { events: { id: string }[]; nextBefore: string | null } = (await activity({ cookie }, `?limit=2${before ? `&before=${before}` : ''}`)).json();
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e: { id: string }) => e.id));
      before = page.nextBefore;
    } while (before);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('pages with the one cursor style (limit, cursor, nextCursor), the same pages as before', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 3; i++) await loginFrom(user, `wrong guess ${i} for cursor paging`, `203.0.113.${50 + i}`);
    const cookie = await t.signIn(user);
    const all = (await activity({ cookie }, '?limit=100')).json().events as { id: string }[];

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { events: { id: string }[]; nextCursor: string | null; nextBefore: string | null } = (
        await activity({ cookie }, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.nextBefore).toBe(page.nextCursor);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));

    // Two different positions at once cannot both be honoured.
    const both = await activity({ cookie }, `?limit=2&cursor=${all[2]!.id}&before=${all[4]!.id}`);
    expect(both.statusCode).toBe(400);
    expect(both.json().code).toBe('validation_failed');
  });

  it('refuses bad paging values and unauthenticated requests', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (const query of ['?limit=0', '?limit=101', '?limit=abc', '?before=abc', '?before=-1', '?cursor=abc', '?cursor=-1']) {
      const response = await activity({ cookie }, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    expect((await activity({})).statusCode).toBe(401);
    expect((await activity({ bearer: 'not-a-session-token' })).statusCode).toBe(401);
  });
});
