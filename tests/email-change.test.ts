/**
 * Changing the account's email address, and taking it back after an account takeover.
 * Requirement (issue 4, "Email change" and "Alerts and history"): a new address is confirmed by
 * a link sent to it before it replaces the old one; the old address is told, with an undo link
 * valid 7 days; the change needs step-up. Answers never tell whether an address is registered
 * (ARCHITECTURE.md). OWASP Authentication Cheat Sheet ("Changing A User's Registered Email
 * Address"); NIST SP 800-63B §6.1.2.3 (notify the subscriber of changes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, OTHER_STRONG_PASSWORD, sessionCookieOf, STRONG_PASSWORD, type TestApp, type TestUser } from './helpers/test-app.js';
import { DAY, HOUR, MINUTE } from './helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const freshAddress = (label: string) => `${label}-${++counter}-${Date.now()}@example.org`;

const requestChange = (cookie: string, newEmail: string) => t.request('POST', '/api/v1/account/email', { cookie, body: { newEmail } });
const confirm = (token: string) => t.request('POST', '/api/v1/account/email/confirm', { body: { token } });
const undo = (token: string) => t.request('POST', '/api/v1/account/email/undo', { body: { token } });
const loginStatus = async (email: string, password: string) =>
  (await t.request('POST', '/api/v1/auth/login', { body: { email, password } })).statusCode;

function observable(response: LightMyRequestResponse) {
  // Date, the random X-Request-Id and the IP budget's countdown differ between any two requests.
  const { date: _date, 'x-request-id': _id, ratelimit: _remaining, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
}

async function auditOf(user: TestUser) {
  return (await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, user.id) })).map((e) => e.event);
}

/** Requests and confirms a change; answers the undo token mailed to the old address. */
async function changeAddress(user: TestUser, cookie: string, newEmail: string): Promise<string> {
  expect((await requestChange(cookie, newEmail)).statusCode).toBe(202);
  expect((await confirm(await t.tokenFromMail(newEmail, '/confirm-email-change'))).statusCode).toBe(200);
  return t.tokenFromMail(user.email, '/undo-email-change');
}

describe('POST /account/email', () => {
  it('needs a session and a recent authentication', async () => {
    const user = await t.createUser();
    expect((await t.request('POST', '/api/v1/account/email', { body: { newEmail: freshAddress('anon') } })).statusCode).toBe(401);
    const cookie = await t.signIn(user);
    t.clock.advance(11 * MINUTE);
    const stale = await requestChange(cookie, freshAddress('stale'));
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { password: user.password } });
    expect(reauth.statusCode).toBe(204);
    // The step-up renewed the session's token: the new cookie carries it.
    expect((await requestChange(sessionCookieOf(reauth)!, freshAddress('fresh'))).statusCode).toBe(202);
  });

  it('answers the same 202 for a free and a registered address, and changes nothing yet', async () => {
    const user = await t.createUser();
    const other = await t.createUser();
    const cookie = await t.signIn(user);
    const free = freshAddress('free');
    const answers = [await requestChange(cookie, free), await requestChange(cookie, other.email)];
    expect(answers[0]!.statusCode).toBe(202);
    expect(answers[0]!.json()).toEqual({ status: 'confirmation_sent' });
    expect(observable(answers[1]!)).toEqual(observable(answers[0]!));
    // Both addresses get the same confirmation mail; nothing is told to the requester.
    for (const address of [free, other.email]) {
      const mail = await t.lastMailTo(address);
      expect(mail?.subject).toBe('Confirm your new email address for Workgate');
      expect(mail?.text).toMatch(/\/confirm-email-change\?token=[A-Za-z0-9_-]{43}/);
    }
    expect(await loginStatus(user.email, user.password)).toBe(200);
    expect(await loginStatus(free, user.password)).toBe(401);
    expect(await auditOf(user)).toContain('email_change_requested');
  });

  it('refuses the current address and malformed ones with 400', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (const newEmail of [user.email, ` ${user.email.toUpperCase()} `, 'not an address']) {
      const response = await requestChange(cookie, newEmail);
      expect(response.statusCode, newEmail).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });

  it('sends at most five confirmations an hour per account', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    for (let i = 0; i < 5; i++) expect((await requestChange(cookie, freshAddress('many'))).statusCode).toBe(202);
    const limited = await requestChange(cookie, freshAddress('many'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
  });
});

describe('POST /account/email/confirm', () => {
  it('changes the address only now, tells the old address and offers an undo link', async () => {
    const user = await t.createUser({ name: 'Moving Person' });
    const cookie = await t.signIn(user);
    const newEmail = freshAddress('moved');
    expect((await requestChange(cookie, newEmail)).statusCode).toBe(202);
    const token = await t.tokenFromMail(newEmail, '/confirm-email-change');
    const confirmed = await confirm(token);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ status: 'ok' });

    expect(await loginStatus(newEmail, user.password)).toBe(200);
    expect(await loginStatus(user.email, user.password)).toBe(401);
    // The session that asked survives; it now shows the new, confirmed address.
    const session = (await t.request('GET', '/api/v1/auth/session', { cookie })).json();
    expect(session.user).toMatchObject({ email: newEmail, emailVerified: true });

    const told = await t.lastMailTo(user.email);
    expect(told?.subject).toBe('The email address of your Workgate account was changed');
    expect(told?.text).toContain(newEmail);
    expect(told?.text).toMatch(/\/undo-email-change\?token=[A-Za-z0-9_-]{43}/);
    expect(told?.text).toMatch(/7 days/);
    expect(await auditOf(user)).toEqual(expect.arrayContaining(['email_change_requested', 'email_changed']));

    const reused = await confirm(token);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('invalid_token');
  });

  it('is refused with 409 email_taken when a confirmed account took the address meanwhile', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const wanted = freshAddress('contested');
    expect((await requestChange(cookie, wanted)).statusCode).toBe(202);
    const token = await t.tokenFromMail(wanted, '/confirm-email-change');
    await t.createUser({ email: wanted });
    const refused = await confirm(token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('email_taken');
    expect(await loginStatus(user.email, user.password)).toBe(200);
  });

  it('releases the address from a sign-up that never confirmed it', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const wanted = freshAddress('squatted');
    const squatter = await t.createUser({ email: wanted, password: OTHER_STRONG_PASSWORD, verified: false });
    expect((await requestChange(cookie, wanted)).statusCode).toBe(202);
    expect((await confirm(await t.tokenFromMail(wanted, '/confirm-email-change'))).statusCode).toBe(200);
    expect(await loginStatus(wanted, user.password)).toBe(200);
    expect(await loginStatus(squatter.email, OTHER_STRONG_PASSWORD)).toBe(401);
  });

  it('the link works for 24 hours, and only the newest request counts', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const first = freshAddress('first');
    const second = freshAddress('second');
    await requestChange(cookie, first);
    const firstToken = await t.tokenFromMail(first, '/confirm-email-change');
    await requestChange(cookie, second);
    expect((await confirm(firstToken)).statusCode).toBe(400);
    const secondToken = await t.tokenFromMail(second, '/confirm-email-change');
    t.clock.advance(DAY + MINUTE);
    expect((await confirm(secondToken)).json().code).toBe('invalid_token');
    expect(await loginStatus(user.email, user.password)).toBe(200);
  });
});

describe('POST /account/email/undo', () => {
  it('restores the old address, signs out everywhere, and mails a reset link there', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const otherBrowser = await t.signIn(user);
    const intruderAddress = freshAddress('intruder');
    const undoToken = await changeAddress(user, cookie, intruderAddress);

    const response = await undo(undoToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    for (const session of [cookie, otherBrowser]) {
      expect((await t.request('GET', '/api/v1/auth/session', { cookie: session })).statusCode).toBe(401);
    }
    const resetToken = await t.tokenFromMail(user.email, '/reset-password');
    expect(await loginStatus(intruderAddress, user.password)).toBe(401);
    expect(await loginStatus(user.email, user.password)).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token: resetToken, password: OTHER_STRONG_PASSWORD } })).statusCode).toBe(200);
    expect(await auditOf(user)).toEqual(expect.arrayContaining(['email_changed', 'email_change_undone', 'password_reset_requested']));
    expect((await undo(undoToken)).json().code).toBe('invalid_token');
  });

  it('takes the address back from an unconfirmed sign-up made meanwhile', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const undoToken = await changeAddress(user, cookie, freshAddress('taken-over'));
    // Someone tries to block the undo by signing up with the freed address.
    await t.request('POST', '/api/v1/auth/signup', { body: { email: user.email, password: OTHER_STRONG_PASSWORD, name: 'Blocker', role: 'client' } });
    expect((await undo(undoToken)).statusCode).toBe(200);
    expect(await loginStatus(user.email, STRONG_PASSWORD)).toBe(200);
  });

  it('the undo link stays valid for 7 days and no longer', async () => {
    const early = await t.createUser();
    const earlyToken = await changeAddress(early, await t.signIn(early), freshAddress('early'));
    const late = await t.createUser();
    const lateToken = await changeAddress(late, await t.signIn(late), freshAddress('late'));
    t.clock.advance(7 * DAY - HOUR);
    expect((await undo(earlyToken)).statusCode).toBe(200);
    t.clock.advance(2 * HOUR);
    const expired = await undo(lateToken);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('invalid_token');
  });
});
