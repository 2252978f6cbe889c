/**
 * Sessions that never end: a stolen "remember me" cookie or app token used now and then would
 * otherwise stay good forever, a browser left signed in on a shared computer would stay open
 * for a day, and an account could pile up sessions nobody watches.
 *
 * Requirements: ASVS 5.0 7.3.1 (inactivity timeout), 7.3.2 (absolute maximum session
 * lifetime), 7.1.1 (the timeouts documented and justified), 7.1.2 (a defined number of
 * concurrent sessions and what happens beyond it); NIST SP 800-63B-4 §2.2.3 (AAL2: an
 * inactivity timeout of no more than an hour for sessions that are not remembered).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { auditEvents } from '../../src/server/modules/security/audit.table.js';
import { sessions } from '../../src/server/modules/sessions/sessions.table.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';
import { DAY, HOUR, MINUTE } from '../helpers/test-clock.js';

let t: TestApp;

/** One app for the tests of a describe block, with these settings. */
function appWith(env: Record<string, string> = {}) {
  beforeAll(async () => {
    t = await createTestApp({ redis: true, env });
  });
  afterAll(async () => t.close());
}

const session = (auth: { cookie?: string; bearer?: string }) => t.request('GET', '/api/v1/auth/session', auth);
const statusOf = async (auth: { cookie?: string; bearer?: string }) => (await session(auth)).statusCode;

async function tokenFor(user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
  expect(response.statusCode).toBe(200);
  return response.json().token;
}

describe('the absolute lifetime of remembered sessions and app tokens', () => {
  appWith();

  it('ends a "remember me" session used every 25 days 90 days after its sign-in, and its cookie ends with it', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user, { rememberMe: true });
    const signedInAt = t.clock.now().getTime();
    for (const day of [25, 50]) {
      t.clock.advance(25 * DAY);
      const used = await session({ cookie });
      expect(used.statusCode, `day ${day}`).toBe(200);
      expect(new Date(used.json().session.expiresAt).getTime(), `day ${day}`).toBe(t.clock.now().getTime() + 30 * DAY);
    }
    // Day 75: the end moves, but only to the 90th day, and the cookie's Max-Age follows.
    t.clock.advance(25 * DAY);
    const capped = await session({ cookie });
    expect(new Date(capped.json().session.expiresAt).getTime()).toBe(signedInAt + 90 * DAY);
    expect(String(capped.headers['set-cookie'])).toMatch(new RegExp(`Max-Age=${15 * 86_400}(;|$)`));
    t.clock.advance(15 * DAY - MINUTE);
    expect(await statusOf({ cookie })).toBe(200);
    t.clock.advance(MINUTE);
    expect(await statusOf({ cookie })).toBe(401);
    // Signing in again is all it takes.
    expect(await statusOf({ cookie: await t.signIn(user, { rememberMe: true }) })).toBe(200);
  });

  it('ends an app token used every 20 days 90 days after its sign-in', async () => {
    const user = await t.createUser();
    const token = await tokenFor(user);
    for (let day = 20; day <= 80; day += 20) {
      t.clock.advance(20 * DAY);
      expect(await statusOf({ bearer: token }), `day ${day}`).toBe(200);
    }
    t.clock.advance(10 * DAY);
    expect(await statusOf({ bearer: token })).toBe(401);
    // Ended sessions leave the list of devices too.
    const fresh = await tokenFor(user);
    expect((await t.request('GET', '/api/v1/account/sessions', { bearer: fresh })).json().sessions).toHaveLength(1);
  });

});

describe('with SESSION_ABSOLUTE_DAYS=7', () => {
  appWith({ SESSION_ABSOLUTE_DAYS: '7' });

  it('ends a session 7 days after its sign-in, whatever end the stored row holds', async () => {
    const user = await t.createUser();
    const token = await tokenFor(user);
    // As a session that slid before the limit existed (or was longer) would have it.
    await t.platform.db.update(sessions).set({ expiresAt: new Date(t.clock.now().getTime() + 365 * DAY) }).where(eq(sessions.client, 'app'));
    t.clock.advance(6 * DAY);
    expect(await statusOf({ bearer: token })).toBe(200);
    t.clock.advance(DAY);
    expect(await statusOf({ bearer: token })).toBe(401);
  });
});

describe('the idle timeout of sessions without "remember me"', () => {
  appWith();

  it('ends a session unused for more than an hour, and does not list it', async () => {
    const user = await t.createUser();
    t.clock.advance(2 * HOUR); // the session of the address confirmation ends meanwhile
    const idle = await t.signIn(user);
    const busy = await t.signIn(user);
    t.clock.advance(50 * MINUTE);
    expect(await statusOf({ cookie: busy })).toBe(200);
    t.clock.advance(10 * MINUTE);
    expect(await statusOf({ cookie: idle }), 'used after exactly an hour').toBe(200);
    t.clock.advance(40 * MINUTE);
    expect(await statusOf({ cookie: busy })).toBe(200);
    t.clock.advance(21 * MINUTE);
    expect(await statusOf({ cookie: idle }), 'unused for an hour and a minute').toBe(401);
    const listed = (await t.request('GET', '/api/v1/account/sessions', { cookie: busy })).json().sessions;
    expect(listed).toHaveLength(1);
    expect(listed[0].current).toBe(true);
  });

  it('keeps a session in use until its 24 hours are over', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (let minutes = 55; minutes < 24 * 60; minutes += 55) {
      t.clock.advance(55 * MINUTE);
      expect(await statusOf({ cookie }), `after ${minutes} min`).toBe(200);
    }
    t.clock.advance(24 * HOUR - Math.floor((24 * 60) / 55) * 55 * MINUTE);
    expect(await statusOf({ cookie })).toBe(401);
  });

});

describe('with SESSION_IDLE_MINUTES=15', () => {
  appWith({ SESSION_IDLE_MINUTES: '15' });

  it('ends a plain session unused for 16 minutes, and leaves "remember me" sessions to their own lifetime', async () => {
    const user = await t.createUser();
    const plain = await t.signIn(user);
    const remembered = await t.signIn(user, { rememberMe: true });
    t.clock.advance(16 * MINUTE);
    expect(await statusOf({ cookie: plain })).toBe(401);
    t.clock.advance(20 * DAY);
    expect(await statusOf({ cookie: remembered })).toBe(200);
  });
});

describe('how many sessions one account may hold (SESSION_MAX_PER_ACCOUNT=3)', () => {
  appWith({ SESSION_MAX_PER_ACCOUNT: '3' });

  it('at a sign-in beyond the limit, ends the session unused longest, tells the owner, and lists the rest', async () => {
    const user = await t.createUser();
    t.clock.advance(2 * HOUR); // the session of the address confirmation ends meanwhile
    const phone = await t.signIn(user, { rememberMe: true });
    const laptop = await tokenFor(user);
    const tablet = await t.signIn(user, { rememberMe: true });
    t.clock.advance(2 * DAY);
    // The phone and the tablet are in use; the laptop's app has not been opened for two days.
    expect(await statusOf({ cookie: phone })).toBe(200);
    expect(await statusOf({ cookie: tablet })).toBe(200);
    const laptopId = (await t.request('GET', '/api/v1/account/sessions', { cookie: phone })).json().sessions.find(
      (listed: { client: string }) => listed.client === 'app',
    ).id;

    const newest = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password, rememberMe: true } });
    expect(newest.statusCode).toBe(200);
    expect(await statusOf({ bearer: laptop })).toBe(401);
    for (const cookie of [phone, tablet, sessionCookieOf(newest)!]) expect(await statusOf({ cookie })).toBe(200);
    const listed = (await t.request('GET', '/api/v1/account/sessions', { cookie: phone })).json().sessions;
    expect(listed.map((row: { id: string }) => row.id)).not.toContain(laptopId);
    expect(listed).toHaveLength(3);
    const events = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'session_revoked'), eq(auditEvents.userId, user.id)));
    expect(events.map((event) => event.details)).toEqual([{ sessionId: laptopId, reason: 'session_limit' }]);
    // The owner reads it on the activity page.
    const activity = await t.request('GET', '/api/v1/account/activity', { cookie: phone });
    expect(activity.json().events).toContainEqual(expect.objectContaining({ event: 'session_revoked', summary: { reason: 'session_limit' } }));
  });

});

describe('how many sessions one account may hold (SESSION_MAX_PER_ACCOUNT=2)', () => {
  appWith({ SESSION_MAX_PER_ACCOUNT: '2' });

  it('counts only live sessions, and holds at most 20 by default', async () => {
    expect(loadConfig({}).session.maxPerAccount).toBe(20);
    // The address confirmation signs the browser in: one plain session already.
    const user = await t.createUser();
    const kept = await t.signIn(user, { rememberMe: true });
    // The plain one ends by itself (an idle hour); the next sign-in finds room without ending `kept`.
    t.clock.advance(61 * MINUTE);
    await t.signIn(user);
    expect(await statusOf({ cookie: kept })).toBe(200);
    // Now two are live: one more sign-in ends the one unused longest.
    t.clock.advance(MINUTE);
    await t.signIn(user);
    expect(await statusOf({ cookie: kept })).toBe(401);
  });
});
