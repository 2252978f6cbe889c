/**
 * Codes by email as a second factor.
 *
 * Requirement (issue 4, "Second factors"): email code as a second factor, 6 digits, valid 10
 * minutes, at most 5 tries, then a new code is needed; login answers {mfaRequired, challenge,
 * methods} and POST /auth/login/mfa completes it with a session of assurance level 2; adding
 * or removing a second factor needs step-up and is audited and mailed. NIST SP 800-63B
 * §5.1.3 (out-of-band secrets: single use, limited life) and §5.2.2 (rate limiting).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { oneTimeCodes } from '../src/server/modules/auth/methods/one-time-code/one-time-code.table.js';
import { hashSecret } from '../src/server/platform/secrets.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const CODE_IN_MAIL = /security code is (\d{6})/;

async function turnOnEmailCodes(user: TestUser): Promise<{ cookie: string; recoveryCodes: string[] }> {
  const cookie = await t.signIn(user);
  const response = await t.request('POST', '/api/v1/account/mfa/email', { cookie });
  expect(response.statusCode).toBe(200);
  return { cookie, recoveryCodes: response.json().recoveryCodes };
}

async function passwordStep(user: TestUser, path = '/api/v1/auth/login'): Promise<string> {
  const response = await t.request('POST', path, { body: { email: user.email, password: user.password } });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['email_code']) });
  return response.json().challenge;
}

/** Asks for a code for the challenge and reads it from the newest mail. */
async function mailedCode(user: TestUser, challenge: string): Promise<string> {
  const sent = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'email_code' } });
  expect(sent.statusCode).toBe(202);
  return codeFromMail(user);
}

/** The code in the newest code mail to the user (other mail, such as alerts, is skipped). */
async function codeFromMail(user: TestUser): Promise<string> {
  const mail = (await t.mail()).find((m) => m.to === user.email && CODE_IN_MAIL.test(m.text));
  const code = mail && CODE_IN_MAIL.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code mailed to ${user.email}`);
  return code;
}

function completeLogin(challenge: string, code: string) {
  return t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'email_code', code } });
}

/** A six-digit code other than `code`. */
function otherThan(code: string, offset = 1): string {
  return String((Number(code) + offset) % 1_000_000).padStart(6, '0');
}

describe('turning email codes on and off', () => {
  it('needs step-up, answers recovery codes, is audited and mailed, and shows in the status', async () => {
    const user = await t.createUser();
    const signedIn = await t.signIn(user);
    t.clock.advance(11 * MINUTE);
    const late = await t.request('POST', '/api/v1/account/mfa/email', { cookie: signedIn });
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('reauthentication_required');
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: signedIn, body: { password: user.password } });
    expect(reauth.statusCode).toBe(204);
    // The step-up renewed the session's token: the new cookie carries it.
    const cookie = sessionCookieOf(reauth)!;

    const on = await t.request('POST', '/api/v1/account/mfa/email', { cookie });
    expect(on.statusCode).toBe(200);
    expect(on.headers['cache-control']).toBe('no-store');
    expect(on.json().recoveryCodes).toHaveLength(10);
    expect((await t.lastMailTo(user.email))?.subject).toMatch(/two-step verification was turned on/i);
    const status = (await t.request('GET', '/api/v1/account/mfa', { cookie })).json();
    expect(status).toMatchObject({ emailCode: true, smsCode: false, phone: null, totp: false, recoveryCodesRemaining: 10 });
    expect(status.methods).toEqual(['recovery_code', 'email_code']);
    const audited = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.id), eq(auditEvents.event, 'mfa_enabled')));
    expect(audited.map((e) => e.details)).toEqual([{ method: 'email_code' }]);

    const again = await t.request('POST', '/api/v1/account/mfa/email', { cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_enabled');
  });

  it('turning off the last factor deletes the recovery codes and makes login one step again', async () => {
    const user = await t.createUser();
    const { cookie } = await turnOnEmailCodes(user);
    const off = await t.request('DELETE', '/api/v1/account/mfa/email', { cookie });
    expect(off.statusCode).toBe(204);
    expect((await t.lastMailTo(user.email))?.subject).toMatch(/second sign-in step was removed/i);
    const status = (await t.request('GET', '/api/v1/account/mfa', { cookie })).json();
    expect(status).toMatchObject({ emailCode: false, methods: [], recoveryCodesRemaining: 0 });
    const audited = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.id), eq(auditEvents.event, 'mfa_disabled')));
    expect(audited.map((e) => e.details)).toEqual([{ method: 'email_code' }]);
    expect((await t.request('DELETE', '/api/v1/account/mfa/email', { cookie })).statusCode).toBe(404);
    expect(sessionCookieOf(await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } }))).toBeDefined();
  });

  it('turning off needs step-up too', async () => {
    const user = await t.createUser();
    const { cookie } = await turnOnEmailCodes(user);
    t.clock.advance(11 * MINUTE);
    const off = await t.request('DELETE', '/api/v1/account/mfa/email', { cookie });
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('reauthentication_required');
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json().emailCode).toBe(true);
  });
});

describe('login with a code by email', () => {
  it('challenge, then send, then the mailed code: a browser session of level 2', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const first = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(sessionCookieOf(first)).toBeUndefined();
    const challenge = first.json().challenge;
    const code = await mailedCode(user, challenge);
    const mail = (await t.mail()).find((m) => m.to === user.email && m.text.includes(code));
    // The mail log records subjects: the code must not be in one.
    expect(mail?.subject).not.toContain(code);
    expect(mail?.subject).toMatch(/security code/i);

    const done = await completeLogin(challenge, code);
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe(user.email);
    const cookie = sessionCookieOf(done);
    const session = await t.request('GET', '/api/v1/auth/session', { cookie });
    expect(session.statusCode).toBe(200);
    expect(session.json().session.id).toBeDefined();
    const rows = await t.platform.db.query.sessions.findMany({ where: (s, { eq: equals }) => equals(s.userId, user.id) });
    expect(rows.find((s) => s.id === session.json().session.id)?.aal).toBe(2);
  });

  it('native apps get a token after the second step', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user, '/api/v1/auth/token');
    const done = await completeLogin(challenge, await mailedCode(user, challenge));
    expect(done.statusCode).toBe(200);
    expect(sessionCookieOf(done)).toBeUndefined();
    expect((await t.request('GET', '/api/v1/auth/session', { bearer: done.json().token })).statusCode).toBe(200);
  });

  it('stores only a hash of the code, and accepts it with spaces', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const code = await mailedCode(user, challenge);
    const stored = await t.platform.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.codeHash).not.toBe(hashSecret(code));
    expect(JSON.stringify(stored)).not.toContain(code);
    expect((await completeLogin(challenge, `${code.slice(0, 3)} ${code.slice(3)}`)).statusCode).toBe(200);
  });

  it('a code works once', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const code = await mailedCode(user, challenge);
    expect((await completeLogin(challenge, code)).statusCode).toBe(200);
    const next = await passwordStep(user);
    const replay = await completeLogin(next, code);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('code_expired');
  });

  it('two requests racing with one code: exactly one session', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const [a, b] = [await passwordStep(user), await passwordStep(user)];
    const code = await mailedCode(user, a);
    const results = await Promise.all([completeLogin(a, code), completeLogin(b, code)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  it('a wrong code counts; the right one still works within five tries', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const code = await mailedCode(user, challenge);
    for (let i = 1; i <= 3; i += 1) {
      const wrong = await completeLogin(challenge, otherThan(code, i));
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('invalid_code');
    }
    const [row] = await t.platform.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id));
    expect(row!.attempts).toBe(3);
    expect((await completeLogin(challenge, code)).statusCode).toBe(200);
  });

  it('five wrong tries end the code: the right one is then refused as code_expired and a new code is needed', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const code = await mailedCode(user, challenge);
    for (let i = 1; i <= 4; i += 1) expect((await completeLogin(challenge, otherThan(code, i))).json().code).toBe('invalid_code');
    // The fifth wrong answer also ends the login challenge (its own limit of five).
    expect((await completeLogin(challenge, otherThan(code, 5))).json().code).toBe('challenge_expired');

    const next = await passwordStep(user);
    const refused = await completeLogin(next, code);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('code_expired');
    const fresh = await mailedCode(user, next);
    expect((await completeLogin(next, fresh)).statusCode).toBe(200);
  });

  it('five wrong tries end the code in step-up too', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const cookie = sessionCookieOf(await completeLogin(challenge, await mailedCode(user, challenge)));
    const sent = await t.request('POST', '/api/v1/auth/reauthenticate/send', { cookie, body: { method: 'email_code' } });
    expect(sent.statusCode).toBe(202);
    const code = await codeFromMail(user);
    for (let i = 1; i <= 5; i += 1) {
      const wrong = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { method: 'email_code', code: otherThan(code, i) } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().code).toBe('invalid_code');
    }
    const late = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { method: 'email_code', code } });
    expect(late.json().code).toBe('code_expired');
  });

  it('a code lives ten minutes', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const early = await passwordStep(user);
    const code = await mailedCode(user, early);
    t.clock.advance(10 * MINUTE + 1000);
    // The challenge has the same lifetime, so the old code is tried on a new login.
    const next = await passwordStep(user);
    const expired = await completeLogin(next, code);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('code_expired');

    const fresh = await mailedCode(user, next);
    t.clock.advance(10 * MINUTE - 1000);
    expect((await completeLogin(next, fresh)).statusCode).toBe(200);
  });

  it('a new code voids the previous one', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const first = await mailedCode(user, challenge);
    let second = await mailedCode(user, challenge);
    // Two draws can coincide (one in a million); ask again rather than test nothing.
    if (second === first) second = await mailedCode(user, challenge);
    expect((await completeLogin(challenge, first)).json().code).toBe('invalid_code');
    expect((await completeLogin(challenge, second)).statusCode).toBe(200);
  });

  it('refuses to send for a method the account does not have', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    const sms = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'sms_code' } });
    expect(sms.json().code).toBe('method_not_available');
    const recovery = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'recovery_code' } });
    expect(recovery.json().code).toBe('method_not_available');
  });
});

describe('send limits', () => {
  it('at most five codes per user in fifteen minutes, whoever asks; then 429 with Retry-After', async () => {
    const user = await t.createUser();
    await turnOnEmailCodes(user);
    const challenge = await passwordStep(user);
    for (let i = 0; i < 5; i += 1) await mailedCode(user, challenge);
    const sixth = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'email_code' } });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('rate_limited');
    expect(sixth.json().retryAfterSeconds).toBeGreaterThan(0);
    // A new login does not reset the count.
    const other = await passwordStep(user);
    expect((await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge: other, method: 'email_code' } })).statusCode).toBe(429);

    t.clock.advance(15 * MINUTE + 1000);
    const later = await passwordStep(user);
    expect((await completeLogin(later, await mailedCode(user, later))).statusCode).toBe(200);
  });

  it('one user reaching the limit does not affect another', async () => {
    const [a, b] = [await t.createUser(), await t.createUser()];
    await turnOnEmailCodes(a);
    await turnOnEmailCodes(b);
    const challengeA = await passwordStep(a);
    for (let i = 0; i < 5; i += 1) await mailedCode(a, challengeA);
    const challengeB = await passwordStep(b);
    expect((await completeLogin(challengeB, await mailedCode(b, challengeB))).statusCode).toBe(200);
  });
});
