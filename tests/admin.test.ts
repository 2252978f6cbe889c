/**
 * The admin API: only admins with a second factor and a recent authentication (10
 * minutes) reach it; anyone else gets 403 on every route. Suspension ends every session and
 * token at once and turns login into 403 account_suspended with the public reason; every
 * action is audited with the acting admin, the target and the reason. The CSV export guards
 * against formula injection (OWASP "CSV Injection"). Bodies are strict and sized.
 */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspensions } from '../src/server/modules/admin/admin.table.js';
import { csvCell } from '../src/server/modules/admin/audit-csv.js';
import { makeAdmin, setAdminFlag, signInAdmin, totpCode } from './helpers/admin.js';
import { SoftAuthenticator } from './helpers/soft-authenticator.js';
import { createTestApp, ORIGIN, PUBLIC_URL, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

let t: TestApp;
let admin: TestUser;
let adminCookie: string;
let adminSecret: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser({ name: 'Ada Admin', role: 'client' });
  ({ cookie: adminCookie, secret: adminSecret } = await makeAdmin(t, admin));
});
afterAll(async () => {
  await t.close();
});

/** A cookie of the shared admin with a fresh authentication (tests move the clock). */
async function freshAdmin(): Promise<string> {
  adminCookie = await signInAdmin(t, admin, { cookie: adminCookie, secret: adminSecret });
  return adminCookie;
}

const api = (path: string) => `/api/v1/admin${path}`;

async function auditOf(userId: string, event: string) {
  const rows = await t.platform.db.query.auditEvents.findMany({ where: (a, { and, eq }) => and(eq(a.userId, userId), eq(a.event, event)) });
  return rows;
}

describe('authorization', () => {
  const someId = randomUUID();
  const routes: Array<[string, string, unknown?]> = [
    ['GET', '/users?query=a'],
    ['GET', `/users/${someId}`],
    ['POST', `/users/${someId}/suspend`, { publicReason: 'Spam' }],
    ['POST', `/users/${someId}/unsuspend`, {}],
    ['POST', `/users/${someId}/revoke-sessions`, {}],
    ['POST', `/users/${someId}/resend-verification`, {}],
    ['POST', `/users/${someId}/force-password-reset`, {}],
    ['POST', `/users/${someId}/admin`, { grant: true }],
    ['POST', '/sessions/revoke-all', {}],
    ['GET', '/audit'],
    ['GET', '/audit.csv'],
  ];

  it('the list covers every admin route in the OpenAPI document', async () => {
    const spec = (await t.request('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths)
      // Support tickets under /admin/support have their own tests (tests/support*.test.ts).
      .filter(([path]) => path.startsWith('/api/v1/admin/') && !path.startsWith('/api/v1/admin/support/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace('/api/v1/admin', '').replace('{id}', someId)}`));
    expect(documented.sort()).toEqual(routes.map(([m, p]) => `${m} ${p.split('?')[0]}`).sort());
  });

  for (const role of ['freelancer', 'client'] as const) {
    it(`a ${role} gets 403 forbidden on every admin route, by cookie and by bearer token, even with a malformed body`, async () => {
      const user = await t.createUser({ role });
      const cookie = await t.signIn(user);
      const token = (await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } })).json().token;
      for (const [method, path, body] of routes) {
        for (const auth of [{ cookie }, { bearer: token }]) {
          const response = await t.request(method, api(path), { ...auth, ...(body !== undefined ? { body } : {}) });
          expect(response.statusCode, `${method} ${path}`).toBe(403);
          expect(response.json().code, `${method} ${path}`).toBe('forbidden');
        }
        if (method === 'POST') {
          const malformed = await t.request(method, api(path), { cookie, rawBody: '{"nope":' });
          expect(malformed.json().code, `${method} ${path} malformed`).toBe('forbidden');
        }
      }
    });
  }

  it('anyone signed out gets 401 on every admin route', async () => {
    for (const [method, path, body] of routes) {
      const response = await t.request(method, api(path), body !== undefined ? { body } : {});
      expect(response.statusCode, `${method} ${path}`).toBe(401);
    }
  });

  it('an admin without a second factor gets admin_second_factor_required', async () => {
    const user = await t.createUser();
    await setAdminFlag(t, user.id, true);
    const cookie = await t.signIn(user);
    const response = await t.request('GET', api('/users'), { cookie });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('admin_second_factor_required');
    await setAdminFlag(t, user.id, false);
  });

  it('an admin whose authentication is older than 10 minutes gets reauthentication_required', async () => {
    const user = await t.createUser();
    const { cookie } = await makeAdmin(t, user);
    expect((await t.request('GET', api('/users'), { cookie })).statusCode).toBe(200);
    t.clock.advance(11 * MINUTE);
    const late = await t.request('GET', api('/users'), { cookie });
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('reauthentication_required');
    await setAdminFlag(t, user.id, false);
  });

  it('the signed-in user says whether they are an admin', async () => {
    const cookie = await freshAdmin();
    expect((await t.request('GET', '/api/v1/auth/session', { cookie })).json().user.isAdmin).toBe(true);
    const user = await t.createUser();
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: await t.signIn(user) })).json().user.isAdmin).toBe(false);
  });
});

describe('users', () => {
  it('searches by email or name, case-insensitively, with LIKE wildcards taken literally, a page at a time', async () => {
    const cookie = await freshAdmin();
    const tag = `zq${Date.now().toString(36)}`;
    await t.createUser({ name: `Grace ${tag.toUpperCase()} Hopper` });
    await t.createUser({ email: `${tag}.b@example.com` });
    await t.createUser({ email: `${tag}.c@example.com`, name: '100%_sure' });
    const byName = (await t.request('GET', api(`/users?query=${tag}`), { cookie })).json();
    expect(byName.users).toHaveLength(3);
    const page1 = (await t.request('GET', api(`/users?query=${tag}&limit=2`), { cookie })).json();
    expect(page1.users).toHaveLength(2);
    const page2 = (await t.request('GET', api(`/users?query=${tag}&limit=2&cursor=${page1.nextCursor}`), { cookie })).json();
    expect(page2.users).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.users, ...page2.users].map((u: { id: string }) => u.id)).size).toBe(3);
    const literal = (await t.request('GET', api(`/users?query=${encodeURIComponent('0%_s')}`), { cookie })).json();
    expect(literal.users.map((u: { name: string }) => u.name)).toEqual(['100%_sure']);
    const wildcard = (await t.request('GET', api(`/users?query=${encodeURIComponent('%')}&limit=100`), { cookie })).json();
    expect(wildcard.users.every((u: { name: string; email: string }) => `${u.name}${u.email}`.includes('%'))).toBe(true);
  });

  it('shows a user: status, sign-in methods, sessions and recent security events', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    await t.signIn(user);
    const response = await t.request('GET', api(`/users/${user.id}`), { cookie });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.user).toMatchObject({ id: user.id, email: user.email, emailVerified: true, isAdmin: false, suspended: false, mustResetPassword: false });
    expect(detail).toMatchObject({ passwordSet: true, secondFactors: [], passkeyCount: 0, signInMethods: ['password'], suspension: null });
    // One session from the email confirmation link, one from the sign-in.
    expect(detail.sessions).toHaveLength(2);
    expect(detail.events.map((e: { event: string }) => e.event)).toContain('login_succeeded');
    const self = (await t.request('GET', api(`/users/${admin.id}`), { cookie })).json();
    expect(self.secondFactors).toContain('totp');
    expect((await t.request('GET', api(`/users/${randomUUID()}`), { cookie })).statusCode).toBe(404);
  });
});

describe('suspension', () => {
  it('ends every session and token at once, audits admin, target and reason, and unsuspend restores access', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const userCookie = await t.signIn(user);
    const token = (await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } })).json().token;
    const suspend = await t.request('POST', api(`/users/${user.id}/suspend`), {
      cookie,
      body: { publicReason: 'Spam in proposals', note: 'Reported by three clients' },
    });
    expect(suspend.statusCode).toBe(200);
    expect(suspend.json()).toMatchObject({ sessionsEnded: 3, user: { suspended: true, suspension: { publicReason: 'Spam in proposals', endsAt: null } } });

    // The next request of either client is refused.
    // The very next request fails, and says why: the reason for the person and the way to support.
    for (const credentials of [{ cookie: userCookie }, { bearer: token }]) {
      const next = await t.request('GET', '/api/v1/auth/session', credentials);
      expect(next.statusCode).toBe(403);
      expect(next.json()).toMatchObject({ code: 'account_suspended', detail: 'Spam in proposals', supportUrl: `${PUBLIC_URL}/support` });
      expect(JSON.stringify(next.json())).not.toContain('three clients');
    }

    for (const path of ['/api/v1/auth/login', '/api/v1/auth/token']) {
      const login = await t.request('POST', path, { body: { email: user.email, password: user.password } });
      expect(login.statusCode, path).toBe(403);
      expect(login.json()).toMatchObject({ code: 'account_suspended', detail: 'Spam in proposals', supportUrl: `${PUBLIC_URL}/support` });
      expect(JSON.stringify(login.json())).not.toContain('three clients');
    }
    // A wrong password still answers the same 401 as for anyone: the suspension is not revealed.
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: 'not the password at all' } })).statusCode).toBe(401);

    const [suspended] = await auditOf(user.id, 'account_suspended');
    expect(suspended!.details).toMatchObject({ by: admin.id, reason: 'Spam in proposals', note: 'Reported by three clients', sessionsEnded: 3 });

    const lift = await t.request('POST', api(`/users/${user.id}/unsuspend`), { cookie, body: { reason: 'Appeal accepted' } });
    expect(lift.statusCode).toBe(200);
    expect(lift.json().user.suspended).toBe(false);
    const [unsuspended] = await auditOf(user.id, 'account_unsuspended');
    expect(unsuspended!.details).toMatchObject({ by: admin.id, reason: 'Appeal accepted', lifted: 1 });
    await t.signIn(user);
  });

  it('a suspension with an end stops applying once it has passed', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const endsAt = new Date(t.clock.now().getTime() + 60 * MINUTE).toISOString();
    expect((await t.request('POST', api(`/users/${user.id}/suspend`), { cookie, body: { publicReason: 'Cooling off', endsAt } })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).json().code).toBe('account_suspended');
    t.clock.advance(61 * MINUTE);
    await t.signIn(user);
  });

  it('an admin cannot suspend themself', async () => {
    const cookie = await freshAdmin();
    const response = await t.request('POST', api(`/users/${admin.id}/suspend`), { cookie, body: { publicReason: 'Oops' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('cannot_act_on_self');
    for (const path of ['revoke-sessions', 'force-password-reset', 'unsuspend']) {
      expect((await t.request('POST', api(`/users/${admin.id}/${path}`), { cookie, body: {} })).json().code, path).toBe('cannot_act_on_self');
    }
    expect((await t.request('POST', api(`/users/${admin.id}/admin`), { cookie, body: { grant: false } })).json().code).toBe('cannot_act_on_self');
  });

  it('an admin cannot suspend or demote the last admin who could still act', async () => {
    // A fresh app, so that the admins of the other tests do not count.
    const own = await createTestApp();
    try {
      const a = await own.createUser();
      const b = await own.createUser();
      const { cookie } = await makeAdmin(own, a);
      await makeAdmin(own, b);
      // As if b had suspended a at the same moment (a's request was already past the guard).
      const now = own.clock.now();
      await own.platform.db.insert(suspensions).values({ id: randomUUID(), userId: a.id, publicReason: 'race', createdBy: b.id, createdAt: now });
      const suspend = await own.request('POST', `/api/v1/admin/users/${b.id}/suspend`, { cookie, body: { publicReason: 'race' } });
      expect(suspend.statusCode).toBe(409);
      expect(suspend.json().code).toBe('last_admin');
      const demote = await own.request('POST', `/api/v1/admin/users/${b.id}/admin`, { cookie, body: { grant: false } });
      expect(demote.json().code).toBe('last_admin');
      await own.platform.db.delete(suspensions).where(eq(suspensions.userId, a.id));
      // With a able to act, b can be demoted, and then granted again.
      const ok = await own.request('POST', `/api/v1/admin/users/${b.id}/admin`, { cookie, body: { grant: false, reason: 'Left the team' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.isAdmin).toBe(false);
      const again = await own.request('POST', `/api/v1/admin/users/${b.id}/admin`, { cookie, body: { grant: true } });
      expect(again.json().user.isAdmin).toBe(true);
      const events = await own.platform.db.query.auditEvents.findMany({ where: (x, { eq }) => eq(x.userId, b.id) });
      expect(events.filter((e) => e.event === 'admin_revoked')[0]!.details).toMatchObject({ by: a.id, reason: 'Left the team' });
      expect(events.some((e) => e.event === 'admin_granted' && e.details.by === a.id)).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('a suspended account cannot sign in with a passkey either', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const device = new SoftAuthenticator(ORIGIN);
    const userCookie = await t.signIn(user);
    const options = (await t.request('POST', '/api/v1/account/passkeys/options', { cookie: userCookie })).json();
    expect((await t.request('POST', '/api/v1/account/passkeys', { cookie: userCookie, body: { response: device.register(options) } })).statusCode).toBe(201);
    await t.request('POST', api(`/users/${user.id}/suspend`), { cookie, body: { publicReason: 'Fake reviews' } });
    const ceremony = await t.request('POST', '/api/v1/auth/passkey/options', {});
    const ceremonyCookie = ceremony.cookies.find((c) => c.name.endsWith('wg_passkey') && c.value)!;
    const login = await t.request('POST', '/api/v1/auth/passkey/login', {
      cookie: `${ceremonyCookie.name}=${ceremonyCookie.value}`,
      body: { response: device.assert(ceremony.json()) },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ code: 'account_suspended', detail: 'Fake reviews', supportUrl: `${PUBLIC_URL}/support` });
    expect(sessionCookieOf(login)).toBeUndefined();
  });

  it('a suspension stops the second step of a login already under way', async () => {
    // finishLogin is where every login ends; the second step of a password login passes there too.
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const challengeOwner = await makeAdmin(t, user); // gives the user an authenticator app
    await setAdminFlag(t, user.id, false);
    t.clock.advance(30_000);
    const first = (await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).json();
    expect(first.challenge).toBeDefined();
    await t.request('POST', api(`/users/${user.id}/suspend`), { cookie, body: { publicReason: 'Chargebacks' } });
    const second = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: first.challenge, method: 'totp', code: totpCode(t, challengeOwner.secret) } });
    expect(second.statusCode).toBe(403);
    expect(second.json()).toMatchObject({ code: 'account_suspended', detail: 'Chargebacks' });
    expect(sessionCookieOf(second)).toBeUndefined();
  });
});

describe('other actions', () => {
  it('signs an account out everywhere', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const userCookie = await t.signIn(user);
    const response = await t.request('POST', api(`/users/${user.id}/revoke-sessions`), { cookie, body: { reason: 'Lost phone' } });
    expect(response.json()).toMatchObject({ sessionsEnded: 2 }); // confirmation link + sign-in
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: userCookie })).statusCode).toBe(401);
    expect((await auditOf(user.id, 'admin_sessions_revoked'))[0]!.details).toMatchObject({ by: admin.id, reason: 'Lost phone' });
    // The owner sees the action on the activity page, but not the admin's own words.
    const ownCookie = await t.signIn(user);
    const activity = (await t.request('GET', '/api/v1/account/activity', { cookie: ownCookie })).json();
    const revoked = activity.events.find((e: { event: string }) => e.event === 'admin_sessions_revoked');
    expect(revoked).toBeDefined();
    expect(JSON.stringify(activity)).not.toContain('Lost phone');
  });

  it('forces a password reset: sessions end, login asks for a new password and mails a link, a reset clears it', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const userCookie = await t.signIn(user);
    const response = await t.request('POST', api(`/users/${user.id}/force-password-reset`), { cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ sessionsEnded: 2, user: { mustResetPassword: true } });
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: userCookie })).statusCode).toBe(401);
    const mailsBefore = (await t.mail()).length;
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('password_reset_required');
    expect((await t.mail()).length).toBe(mailsBefore + 1);
    const token = await t.tokenFromMail(user.email, '/reset-password');
    const newPassword = 'lantern meadow copper 2031';
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: newPassword } })).statusCode).toBeLessThan(300);
    await t.signIn({ email: user.email, password: newPassword });
    expect((await auditOf(user.id, 'admin_password_reset_forced'))[0]!.details).toMatchObject({ by: admin.id });
  });

  it('resends the verification mail of an unconfirmed address, and mails nothing for a confirmed one', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser({ verified: false });
    const before = (await t.mail()).length;
    const response = await t.request('POST', api(`/users/${user.id}/resend-verification`), { cookie, body: { reason: 'Asked by phone' } });
    expect(response.statusCode).toBe(200);
    expect((await t.mail()).length).toBe(before + 1);
    expect((await t.lastMailTo(user.email))?.text).toMatch(/\/verify-email\?token=/);
    const verified = await t.createUser();
    const count = (await t.mail()).length;
    expect((await t.request('POST', api(`/users/${verified.id}/resend-verification`), { cookie })).statusCode).toBe(200);
    expect((await t.mail()).length).toBe(count);
    expect((await auditOf(user.id, 'admin_verification_resent'))[0]!.details).toMatchObject({ by: admin.id, reason: 'Asked by phone', mailed: true });
  });
});

describe('audit log', () => {
  it('filters by user, event type and time range, a page at a time', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    t.clock.advance(1000); // the sign-up events fall before the range
    const start = t.clock.now().toISOString();
    await t.request('POST', api(`/users/${user.id}/revoke-sessions`), { cookie });
    t.clock.advance(MINUTE);
    const middle = t.clock.now().toISOString();
    await t.request('POST', api(`/users/${user.id}/revoke-sessions`), { cookie });
    const all = (await t.request('GET', api(`/audit?userId=${user.id}`), { cookie })).json();
    expect(all.events.map((e: { event: string }) => e.event)).toEqual(['admin_sessions_revoked', 'admin_sessions_revoked', 'login_succeeded', 'email_verified', 'signup']);
    expect(all.events[0]).toMatchObject({ userId: user.id, actorId: admin.id });
    const typed = (await t.request('GET', api(`/audit?userId=${user.id}&event=admin_sessions_revoked&limit=1`), { cookie })).json();
    expect(typed.events).toHaveLength(1);
    const next = (await t.request('GET', api(`/audit?userId=${user.id}&event=admin_sessions_revoked&limit=1&cursor=${typed.nextCursor}`), { cookie })).json();
    expect(next.events).toHaveLength(1);
    expect(next.events[0].id).not.toBe(typed.events[0].id);
    const ranged = (await t.request('GET', api(`/audit?userId=${user.id}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(middle)}`), { cookie })).json();
    expect(ranged.events.map((e: { event: string }) => e.event)).toEqual(['admin_sessions_revoked']);
  });

  it('exports CSV with a header row, quoting, and a guard against formula injection', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    await t.request('POST', api(`/users/${user.id}/revoke-sessions`), {
      cookie,
      headers: { 'user-agent': '=HYPERLINK("http://evil.example","click"), @me' },
      body: { reason: 'line one\nline "two", three' },
    });
    const response = await t.request('GET', api(`/audit.csv?userId=${user.id}&event=admin_sessions_revoked`), { cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="workgate-audit-.*\.csv"/);
    const [header, row, end] = response.body.split('\r\n');
    expect(header).toBe('id,at,event,user_id,actor_id,ip,user_agent,details');
    expect(end).toBe('');
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), @me"`);
    expect(row).toContain(`line one\\nline \\""two\\"", three`);
    expect(row).toContain(`,admin_sessions_revoked,${user.id},${admin.id},`);
    expect((await t.platform.db.query.auditEvents.findMany({ where: (a, { eq }) => eq(a.event, 'admin_audit_exported') })).length).toBeGreaterThan(0);
  });

  it('csvCell escapes quotes, commas and line breaks, and neutralizes = + - @ at the start', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('\r\n')).toBe(`"'\r\n"`);
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('=SUM(A1,A2)')).toBe(`"'=SUM(A1,A2)"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe('malformed and oversized input', () => {
  it('answers 400 or 413, never 500', async () => {
    const cookie = await freshAdmin();
    const user = await t.createUser();
    const suspend = api(`/users/${user.id}/suspend`);
    const cases: Array<[string, string, Parameters<TestApp['request']>[2], number]> = [
      ['POST', suspend, { rawBody: '{"publicReason":' }, 400],
      ['POST', suspend, { body: {} }, 400],
      ['POST', suspend, { body: { publicReason: '' } }, 400],
      ['POST', suspend, { body: { publicReason: '   ' } }, 400],
      ['POST', suspend, { body: { publicReason: 'x'.repeat(201) } }, 400],
      ['POST', suspend, { body: { publicReason: 'ok', note: 'x'.repeat(2001) } }, 400],
      ['POST', suspend, { body: { publicReason: 'ok', endsAt: 'tomorrow' } }, 400],
      ['POST', suspend, { body: { publicReason: 'ok', endsAt: '2000-01-01T00:00:00Z' } }, 400],
      ['POST', suspend, { body: { publicReason: 'ok', isAdmin: true } }, 400],
      ['POST', suspend, { body: { publicReason: 'bad\u0000byte' } }, 400],
      ['POST', suspend, { body: ['publicReason'] }, 400],
      ['POST', suspend, { rawBody: JSON.stringify({ publicReason: 'x'.repeat(70_000) }) }, 413],
      ['POST', api('/users/not-a-uuid/suspend'), { body: { publicReason: 'ok' } }, 400],
      ['POST', api(`/users/${user.id}/admin`), { body: { grant: 'yes' } }, 400],
      ['POST', api(`/users/${user.id}/admin`), { body: {} }, 400],
      ['POST', api(`/users/${user.id}/revoke-sessions`), { body: { reason: 'x'.repeat(501) } }, 400],
      ['POST', api(`/users/${user.id}/revoke-sessions`), { body: { extra: 1 } }, 400],
      ['GET', api('/users?limit=1000'), {}, 400],
      ['GET', api('/users?cursor=%25%25'), {}, 400],
      // A NUL byte, in the query or inside a base64url cursor, never reaches PostgreSQL (it answered 500).
      ['GET', api('/users?cursor=AA'), {}, 400],
      ['GET', api('/users?query=a%00b'), {}, 400],
      ['GET', api(`/users?query=${'x'.repeat(201)}`), {}, 400],
      ['GET', api('/audit?userId=nope'), {}, 400],
      ['GET', api('/audit?from=yesterday'), {}, 400],
      ['GET', api('/audit?cursor=abc'), {}, 400],
      ['GET', api('/audit?event=DROP%20TABLE'), {}, 400],
      ['GET', api('/audit.csv?to=later'), {}, 400],
    ];
    for (const [method, url, options, status] of cases) {
      const response = await t.request(method, url, { cookie, ...options });
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(options).slice(0, 80)}`).toBe(status);
    }
    expect((await t.request('GET', api(`/users/${user.id}`), { cookie })).json().user.suspended).toBe(false);
  });
});
