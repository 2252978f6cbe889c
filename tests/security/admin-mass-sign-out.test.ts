/**
 * Stolen sessions across many accounts (a leaked token store, a compromised device fleet) that
 * an administrator cannot end at once.
 *
 * Requirement: ASVS 5.0 7.4.5 (application administrators can terminate active sessions for an
 * individual user or for all users). POST /api/v1/admin/sessions/revoke-all ends every session
 * and app token of every account except the admin's own session that asks, behind the admin
 * guard and step-up like every admin action, and is audited with the admin, the reason and
 * the count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin, signInAdmin } from '../helpers/admin.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';

const ROUTE = '/api/v1/admin/sessions/revoke-all';

let t: TestApp;
let admin: TestUser;
let adminSecret: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser({ name: 'Ada Admin' });
  adminSecret = (await makeAdmin(t, admin)).secret;
});
afterAll(async () => {
  await t.close();
});

const alive = async (auth: { cookie: string } | { bearer: string }) => (await t.request('GET', '/api/v1/auth/session', auth)).statusCode === 200;

describe('an admin signs out every account', () => {
  it('ends every session and app token of everyone, other admins included, except the asking session', async () => {
    const adminCookie = await signInAdmin(t, admin, { cookie: '', secret: adminSecret });
    const otherAdminSession = await signInAdmin(t, admin, { cookie: '', secret: adminSecret });
    const people = [await t.createUser(), await t.createUser({ role: 'client' })];
    const browsers = await Promise.all(people.map((person) => t.signIn(person)));
    const token = (await t.request('POST', '/api/v1/auth/token', { body: { email: people[0]!.email, password: people[0]!.password } })).json().token;
    expect(await alive({ bearer: token })).toBe(true);

    const response = await t.request('POST', ROUTE, { cookie: adminCookie, body: { reason: 'Session store leaked' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().sessionsEnded).toBeGreaterThanOrEqual(5);

    for (const cookie of [...browsers, otherAdminSession]) expect(await alive({ cookie })).toBe(false);
    expect(await alive({ bearer: token })).toBe(false);
    expect(await alive({ cookie: adminCookie })).toBe(true);
    // People sign in again as usual afterwards.
    expect(await alive({ cookie: await t.signIn(people[1]!) })).toBe(true);
  });

  it('is audited once, with the admin, the reason and the count', async () => {
    const cookie = await signInAdmin(t, admin, { cookie: '', secret: adminSecret });
    await t.signIn(await t.createUser());
    const response = await t.request('POST', ROUTE, { cookie, body: { reason: 'Drill' } });
    const events = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.event, 'admin_all_sessions_revoked') });
    const last = events.at(-1)!;
    expect(last.userId).toBeNull();
    expect(last.details).toMatchObject({ by: admin.id, reason: 'Drill', sessionsEnded: response.json().sessionsEnded });
  });

  it('needs step-up like every admin action, and is refused to anyone who is not an admin', async () => {
    const cookie = await signInAdmin(t, admin, { cookie: '', secret: adminSecret });
    const person = await t.createUser();
    const personCookie = await t.signIn(person);
    t.clock.advance(11 * MINUTE);
    const late = await t.request('POST', ROUTE, { cookie, body: {} });
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('reauthentication_required');

    const notAdmin = await t.request('POST', ROUTE, { cookie: await t.signIn(person), body: {} });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().code).toBe('forbidden');
    expect(await alive({ cookie: personCookie })).toBe(true);
  });
});
