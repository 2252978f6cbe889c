/**
 * Repudiation and tampering with the security record.
 *
 * Requirement (issue 2, "Rules the tests must pin down"): every security event (sign-up,
 * verification, login success and failure, logout, password reset and change, session
 * revocation) is written to an append-only audit table with time, user, IP and user agent.
 * ARCHITECTURE.md: secrets in links never reach logs. OWASP Logging Cheat Sheet ("Data to
 * exclude": passwords, session identifiers, access tokens); NIST SP 800-92 (log integrity).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../src/server/modules/security/audit.table.js';
import { hashSecret } from '../../src/server/platform/secrets.js';
import { createTestApp, ORIGIN, OTHER_STRONG_PASSWORD, sessionCookieOf, STRONG_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';

const CLIENT_IP = '203.0.113.77';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AuditProbe/1.0 Chrome/126.0 Safari/537.36';
const THIRD_PASSWORD = 'quiet harbor lantern 4821';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2030-03-01T09:00:00.000Z'));
});
afterAll(async () => {
  await t.close();
});

/** A request from one browser: a fixed client address and User-Agent. */
function send(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { body?: object; cookie?: string; bearer?: string } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  if (options.cookie) {
    headers.cookie = options.cookie;
    headers.origin = ORIGIN;
  }
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  return t.app.inject({ method, url, headers, remoteAddress: CLIENT_IP, ...(options.body ? { payload: options.body } : {}) });
}

/** Secrets seen during the scenario; none may appear in any audit row. */
const secrets = new Set<string>();
function keepCookieSecret(cookie: string | undefined): string {
  if (!cookie) throw new Error('expected a session cookie');
  secrets.add(cookie.slice(cookie.indexOf('=') + 1));
  return cookie;
}

interface Expected {
  event: string;
  at: Date;
  userId: string | null;
}
const expected: Expected[] = [];

/** Moves the clock a minute, so each event has its own time to be checked against. */
function tick(): Date {
  t.clock.advance(MINUTE);
  return t.clock.now();
}

describe('a whole account life leaves one audit row per security event', () => {
  const email = 'audited.person@example.com';
  let userId: string;

  beforeAll(async () => {
    secrets.add(STRONG_PASSWORD).add(OTHER_STRONG_PASSWORD).add(THIRD_PASSWORD);

    let at = tick();
    const signup = await send('POST', '/api/v1/auth/signup', { body: { email, password: STRONG_PASSWORD, name: 'Audited', role: 'client' } });
    expect(signup.statusCode).toBe(202);
    const verifyToken = await t.tokenFromMail(email, '/verify-email');
    secrets.add(verifyToken);

    const signupAt = at;
    at = tick();
    const verified = await send('POST', '/api/v1/auth/email/verify', { body: { token: verifyToken } });
    expect(verified.statusCode).toBe(200);
    userId = verified.json().user.id;
    keepCookieSecret(sessionCookieOf(verified));
    expected.push({ event: 'signup', at: signupAt, userId }, { event: 'email_verified', at, userId });

    at = tick();
    expect((await send('POST', '/api/v1/auth/login', { body: { email, password: 'not my password at all 9' } })).statusCode).toBe(401);
    expected.push({ event: 'login_failed', at, userId });

    at = tick();
    const unknown = await send('POST', '/api/v1/auth/login', { body: { email: 'ghost@example.com', password: STRONG_PASSWORD } });
    expect(unknown.statusCode).toBe(401);
    expected.push({ event: 'login_failed', at, userId: null });

    at = tick();
    const login = await send('POST', '/api/v1/auth/login', { body: { email, password: STRONG_PASSWORD } });
    expect(login.statusCode).toBe(200);
    keepCookieSecret(sessionCookieOf(login));
    expected.push({ event: 'login_succeeded', at, userId });

    at = tick();
    const token = await send('POST', '/api/v1/auth/token', { body: { email, password: STRONG_PASSWORD } });
    expect(token.statusCode).toBe(200);
    secrets.add(token.json().token);
    expected.push({ event: 'token_issued', at, userId });

    at = tick();
    expect((await send('POST', '/api/v1/auth/password/forgot', { body: { email } })).statusCode).toBe(202);
    const resetToken = await t.tokenFromMail(email, '/reset-password');
    secrets.add(resetToken);
    expected.push({ event: 'password_reset_requested', at, userId });

    at = tick();
    expect((await send('POST', '/api/v1/auth/password/reset', { body: { token: resetToken, password: OTHER_STRONG_PASSWORD } })).statusCode).toBe(200);
    expected.push({ event: 'password_reset', at, userId });

    const cookie = keepCookieSecret(sessionCookieOf(await send('POST', '/api/v1/auth/login', { body: { email, password: OTHER_STRONG_PASSWORD } })));

    at = tick();
    const change = await send('POST', '/api/v1/account/password', {
      cookie,
      body: { currentPassword: OTHER_STRONG_PASSWORD, newPassword: THIRD_PASSWORD },
    });
    expect(change.statusCode).toBe(200);
    expected.push({ event: 'password_changed', at, userId });

    const tablet = keepCookieSecret(sessionCookieOf(await send('POST', '/api/v1/auth/login', { body: { email, password: THIRD_PASSWORD } })));
    const tabletId = (await send('GET', '/api/v1/auth/session', { cookie: tablet })).json().session.id;
    at = tick();
    expect((await send('DELETE', `/api/v1/account/sessions/${tabletId}`, { cookie })).statusCode).toBe(204);
    expected.push({ event: 'session_revoked', at, userId });

    keepCookieSecret(sessionCookieOf(await send('POST', '/api/v1/auth/login', { body: { email, password: THIRD_PASSWORD } })));
    at = tick();
    expect((await send('POST', '/api/v1/account/sessions/revoke-all', { cookie, body: {} })).statusCode).toBe(204);
    expected.push({ event: 'sessions_revoked_all', at, userId });

    at = tick();
    expect((await send('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(204);
    expected.push({ event: 'logout', at, userId });
  });

  const EVENTS = [
    'signup',
    'email_verified',
    'login_succeeded',
    'login_failed',
    'token_issued',
    'logout',
    'password_reset_requested',
    'password_reset',
    'password_changed',
    'session_revoked',
    'sessions_revoked_all',
  ];

  it.each(EVENTS)('%s is recorded with its time, user, client IP and user agent', async (event) => {
    const wanted = expected.filter((e) => e.event === event);
    expect(wanted.length).toBeGreaterThan(0);
    const rows = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.event, event)).orderBy(asc(auditEvents.id));
    for (const want of wanted) {
      const row = rows.find((r) => r.at.getTime() === want.at.getTime() && r.userId === want.userId);
      expect(row, `${event} at ${want.at.toISOString()} for ${want.userId}`).toBeDefined();
      expect(row!.ip).toBe(CLIENT_IP);
      expect(row!.userAgent).toBe(USER_AGENT);
    }
  });

  it('events are in the order they happened', async () => {
    const rows = await t.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const times = rows.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('no audit row holds a password, a mail-link token, a session token or a password hash', async () => {
    const rows = await t.platform.db.select().from(auditEvents);
    expect(rows.length).toBeGreaterThanOrEqual(expected.length);
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    const stored = new Set([...secrets].map((s) => hashSecret(s)));
    for (const row of rows) {
      const text = JSON.stringify(row);
      for (const secret of secrets) expect(text, `row ${row.id} (${row.event})`).not.toContain(secret);
      for (const hash of stored) expect(text).not.toContain(hash);
      expect(text).not.toContain('$argon2');
    }
  });
});

describe('the audit table is append-only', () => {
  it('UPDATE and DELETE through the application’s own connection fail and change nothing', async () => {
    await t.createUser();
    const before = await t.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(before.length).toBeGreaterThan(0);
    const first = before[0]!;

    await expect(t.platform.db.update(auditEvents).set({ event: 'nothing_happened' }).where(eq(auditEvents.id, first.id))).rejects.toThrow();
    await expect(t.platform.db.update(auditEvents).set({ userId: null, ip: null })).rejects.toThrow();
    await expect(t.platform.db.delete(auditEvents).where(eq(auditEvents.id, first.id))).rejects.toThrow();
    await expect(t.platform.db.delete(auditEvents)).rejects.toThrow();
    // Inside a transaction as well: the refusal is in the database, not in a code path.
    await expect(
      t.platform.db.transaction(async (tx) => {
        await tx.delete(auditEvents).where(eq(auditEvents.event, 'signup'));
      }),
    ).rejects.toThrow();
    // Row triggers do not fire on TRUNCATE; a statement trigger refuses it.
    await expect(t.platform.db.execute(sql`truncate audit_events`)).rejects.toThrow();

    const after = await t.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(after).toEqual(before);
  });

  it('new events can still be appended after a refused change', async () => {
    const [before] = await t.platform.db.select({ n: count() }).from(auditEvents);
    await t.request('POST', '/api/v1/auth/login', { body: { email: 'after-refusal@example.com', password: 'whatever it is 12' } });
    const [after] = await t.platform.db.select({ n: count() }).from(auditEvents);
    expect(after!.n).toBe(before!.n + 1);
  });
});
