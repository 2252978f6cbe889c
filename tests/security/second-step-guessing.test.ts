/**
 * Guessing the second step of one account from many challenges, addresses and sessions.
 *
 * Requirement: ASVS 5.0 6.3.1 (controls against credential stuffing and brute force, applied
 * across the account); NIST SP 800-63B §5.2.2 (the verifier limits consecutive failed attempts
 * on one account to no more than 100, and may lock or slow down before that). Wrong answers to
 * the login's second step, to step-up and wrong current passwords on the password change share
 * one budget per account, kept in PostgreSQL: every ten in a row lock guessable answers
 * (authenticator, mailed and texted codes, passwords) for 30 minutes, doubling up to a day; the
 * 100th in a row locks until the owner ends it. Passkeys and recovery codes still work. The
 * owner is mailed once per lock. The refusal is 423 account_locked (Retry-After for a timed lock).
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/platform/kv.js';
import { createTestApp, OTHER_STRONG_PASSWORD, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';
import { DAY, MINUTE } from '../helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ redis: true });
});
afterAll(async () => {
  await t.close();
});

interface Owner {
  user: TestUser;
  secret: string;
  recoveryCodes: string[];
  /** The owner's own session (two steps), opened before any guessing. */
  cookie: string;
}

const codeAt = (secret: string, steps = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + steps * 30_000 });

let guess = 0;
/** A six-digit code that the authenticator does not show now (nor one step either side). */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((steps) => codeAt(secret, steps)));
  let code: string;
  do {
    guess += 1;
    code = String((guess * 7_919) % 1_000_000).padStart(6, '0');
  } while (valid.has(code));
  return code;
}

async function ownerWithAuthenticator(): Promise<Owner> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
  const confirmed = await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: codeAt(secret) } });
  expect(confirmed.statusCode).toBe(200);
  t.clock.advance(MINUTE);
  return { user, secret, recoveryCodes: confirmed.json().recoveryCodes, cookie };
}

async function challengeFrom(owner: Owner, ip: string): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/login', { body: { email: owner.user.email, password: owner.user.password }, ip });
  expect(response.json().mfaRequired).toBe(true);
  return response.json().challenge;
}

function answer(challenge: string, method: string, code: string, ip = '203.0.113.9') {
  return t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method, code }, ip });
}

/** `count` wrong authenticator codes over fresh challenges (five each, from their own address); the answers' codes. */
async function guessCodes(owner: Owner, count: number, firstAddress = 1): Promise<string[]> {
  const outcomes: string[] = [];
  let challenge = '';
  for (let i = 0; i < count; i += 1) {
    const ip = `203.0.113.${firstAddress + Math.floor(i / 5)}`;
    if (i % 5 === 0) challenge = await challengeFrom(owner, ip);
    outcomes.push((await answer(challenge, 'totp', wrongCode(owner.secret), ip)).json().code);
  }
  return outcomes;
}

/** Chooses a new password through the mailed reset link. */
async function resetPassword(owner: Owner): Promise<void> {
  await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: owner.user.email } });
  const token = await t.tokenFromMail(owner.user.email, '/reset-password');
  const password = `${OTHER_STRONG_PASSWORD} ${owner.user.password.length}`;
  const reset = await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password } });
  expect(reset.statusCode).toBeLessThan(300);
  owner.user.password = password;
}

async function pauseMails(owner: Owner) {
  return (await t.mail()).filter((m) => m.to === owner.user.email && /codes for signing in .* were paused/i.test(m.subject));
}

describe('wrong authenticator codes over many challenges and addresses', () => {
  it('lock the second step at the tenth in a row: the right code no longer signs in, from anywhere', async () => {
    const owner = await ownerWithAuthenticator();
    // The reproduction: 100 guesses over 20 challenges from 20 addresses, then the right code.
    const outcomes = await guessCodes(owner, 100);
    expect(outcomes.slice(0, 10).every((code) => code === 'invalid_code' || code === 'challenge_expired')).toBe(true);
    expect(outcomes.slice(10).every((code) => code === 'account_locked')).toBe(true);

    const challenge = await challengeFrom(owner, '198.51.100.20');
    const right = await answer(challenge, 'totp', codeAt(owner.secret), '198.51.100.20');
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('account_locked');
    expect(sessionCookieOf(right)).toBeUndefined();
    // A timed lock tells when it ends, in the body and in Retry-After.
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(29 * 60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60 + 1);
    expect(new Date(right.json().detail).getTime()).toBeGreaterThan(t.clock.now().getTime());
  });

  it('mail the owner once per lock, and say when it ends', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 25);
    const mails = await pauseMails(owner);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/10 wrong answers in a row/);
    expect(mails[0]!.text).toMatch(/Passkeys and recovery codes still work/);
    expect(mails[0]!.text).toMatch(/forgot-password/);
  });

  it('a right code before the tenth starts the count again: an owner who mistypes is not locked', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 9);
    const challenge = await challengeFrom(owner, '198.51.100.20');
    expect((await answer(challenge, 'totp', codeAt(owner.secret))).statusCode).toBe(200);
    t.clock.advance(MINUTE);
    const outcomes = await guessCodes(owner, 9);
    expect(outcomes).not.toContain('account_locked');
    expect(await pauseMails(owner)).toHaveLength(0);
    // The tenth of the new run is the one that locks.
    expect(await guessCodes(owner, 1, 50)).not.toContain('account_locked');
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).json().code).toBe('account_locked');
  });

  it('the locks double, and the 100th wrong answer in a row locks until the owner ends it', async () => {
    const owner = await ownerWithAuthenticator();
    const lengths: number[] = [];
    for (let lock = 1; lock <= 9; lock += 1) {
      expect((await guessCodes(owner, 10, lock * 10)).filter((code) => code === 'account_locked')).toHaveLength(0);
      const refused = await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret));
      expect(refused.json().code).toBe('account_locked');
      lengths.push(Number(refused.headers['retry-after']));
      t.clock.advance(Number(refused.headers['retry-after']) * 1000 + 1000);
    }
    expect(lengths.map((seconds) => Math.round(seconds / 60))).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);

    expect(await guessCodes(owner, 10, 200)).not.toContain('account_locked');
    const refused = await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret));
    expect(refused.json().code).toBe('account_locked');
    expect(refused.headers['retry-after']).toBeUndefined();
    expect(refused.json().detail).toBeUndefined();
    t.clock.advance(30 * DAY);
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).json().code).toBe('account_locked');
    expect(await pauseMails(owner)).toHaveLength(10);
    expect((await pauseMails(owner))[0]!.text).toMatch(/does not end by itself/);

    // The owner ends it by choosing a new password through the mailed link.
    await resetPassword(owner);
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).statusCode).toBe(200);
  });

  it('a recovery code still works during a lock, and ends it', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 10);
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).json().code).toBe('account_locked');
    const recovered = await answer(await challengeFrom(owner, '198.51.100.20'), 'recovery_code', owner.recoveryCodes[0]!);
    expect(recovered.statusCode).toBe(200);
    expect(sessionCookieOf(recovered)).toBeDefined();
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).statusCode).toBe(200);
  });

  it('a new password does not lift a timed lock, so resets cannot skip its wait', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 10);
    await resetPassword(owner);
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).json().code).toBe('account_locked');
  });

  it('racing answers get no more than the budget', async () => {
    const owner = await ownerWithAuthenticator();
    const challenges = await Promise.all(Array.from({ length: 6 }, (_, i) => challengeFrom(owner, `203.0.113.${100 + i}`)));
    const answers = await Promise.all(
      challenges.flatMap((challenge) => Array.from({ length: 5 }, () => answer(challenge, 'totp', wrongCode(owner.secret)))),
    );
    const checked = answers.filter((response) => response.json().code !== 'account_locked');
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(answers.filter((response) => response.json().code === 'account_locked').length).toBeGreaterThanOrEqual(20);
  });

  it('the lock is kept in the database: wiping the shared counters (a Redis restart) does not lift it', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 10);
    const kept = t.platform.kv;
    t.platform.kv = createMemoryStore(t.clock);
    try {
      expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).json().code).toBe('account_locked');
    } finally {
      t.platform.kv = kept;
    }
  });
});

describe('one budget for login, step-up and the password change', () => {
  it('wrong codes at login, wrong passwords at step-up and on the password change add up to one lock', async () => {
    const owner = await ownerWithAuthenticator();
    const stolen = owner.cookie;
    await guessCodes(owner, 5);
    for (let i = 0; i < 3; i += 1) {
      const wrong = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: stolen, body: { password: `not the password ${i}` } });
      expect(wrong.json().code).toBe('invalid_credentials');
    }
    for (let i = 0; i < 2; i += 1) {
      const change = await t.request('POST', '/api/v1/account/password', {
        cookie: stolen,
        body: { currentPassword: `still not it ${i}`, newPassword: OTHER_STRONG_PASSWORD },
      });
      expect(change.json().code).toBe('invalid_credentials');
    }
    // Ten in a row: the right password is refused at step-up and on the change, and the code at login.
    const stepUp = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: stolen, body: { password: owner.user.password } });
    expect(stepUp.statusCode).toBe(423);
    expect(stepUp.json().code).toBe('account_locked');
    const change = await t.request('POST', '/api/v1/account/password', {
      cookie: stolen,
      body: { currentPassword: owner.user.password, newPassword: OTHER_STRONG_PASSWORD },
    });
    expect(change.statusCode).toBe(423);
    expect((await answer(await challengeFrom(owner, '198.51.100.20'), 'totp', codeAt(owner.secret))).json().code).toBe('account_locked');
    expect(await pauseMails(owner)).toHaveLength(1);
  });

  it('step-up answers count with the login\'s', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 9);
    const wrong = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: owner.cookie, body: { method: 'totp', code: wrongCode(owner.secret) } });
    expect(wrong.json().code).toBe('invalid_code');
    const right = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: owner.cookie, body: { method: 'totp', code: codeAt(owner.secret) } });
    expect(right.json().code).toBe('account_locked');
  });

  it('no code is mailed while codes could not be used', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    expect((await t.request('POST', '/api/v1/account/mfa/email', { cookie })).statusCode).toBe(200);
    const login = async () => (await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } })).json().challenge;
    for (let i = 0; i < 2; i += 1) {
      const challenge = await login();
      // A wrong answer counts only against a live code: one is sent first.
      expect((await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'email_code' } })).statusCode).toBe(202);
      for (let j = 0; j < 5; j += 1) await answer(challenge, 'email_code', '000000');
    }
    const challenge = await login();
    const before = (await t.mail()).length;
    const send = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'email_code' } });
    expect(send.statusCode).toBe(423);
    expect(send.json().code).toBe('account_locked');
    const stepUpSend = await t.request('POST', '/api/v1/auth/reauthenticate/send', { cookie, body: { method: 'email_code' } });
    expect(stepUpSend.statusCode).toBe(423);
    expect((await t.mail()).length).toBe(before);
  });

  it('is audited: the lock, and each refused answer', async () => {
    const owner = await ownerWithAuthenticator();
    await guessCodes(owner, 12);
    const events = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, owner.user.id) });
    expect(events.filter((e) => e.event === 'second_step_locked')).toHaveLength(1);
    expect(events.find((e) => e.event === 'second_step_locked')!.details).toMatchObject({ wrongAnswers: 10 });
    expect(events.filter((e) => e.event === 'login_failed' && e.details.reason === 'second_step_locked')).toHaveLength(2);
  });
});
