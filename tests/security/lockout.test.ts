/**
 * Online guessing against one account, and lockout abuse (locking the owner out on purpose).
 *
 * Requirement (issue 4, "Lockout that protects the user instead of locking them out"): after 5
 * consecutive wrong passwords from unknown devices, password login for the account from unknown
 * devices is locked for 30 minutes; 423 account_locked with the time it ends, the same whether or
 * not the account exists; one mail to the owner with time, place, a single-use unlock link and a
 * reset link; known devices keep their own counter, so an attacker's failures never lock the
 * owner out; per-IP and global limits on failed logins kept in the kv adapter and shared by
 * instances. NIST SP 800-63B §5.2.2 (rate limiting, no denial of service to the subscriber);
 * OWASP Authentication Cheat Sheet, "Account Lockout"; Better Auth two-factor.account-lockout.test.ts.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipBucket } from '../../src/server/http/ip-bucket.js';
import { createTestApp, OTHER_STRONG_PASSWORD, type TestApp, type TestUser } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';
import { testRedisUrl } from '../helpers/test-database.js';

const ATTACKER = '203.0.113.66';
const OWNER_HOME = '198.51.100.7';
const START = new Date('2030-05-01T10:00:00.000Z');

interface From {
  ip?: string;
  /** `name=value` of a device cookie. */
  device?: string;
  headers?: Record<string, string>;
}

function login(t: TestApp, body: { email: string; password: string }, from: From = {}, route = '/api/v1/auth/login') {
  return t.request('POST', route, {
    body,
    ...(from.ip ? { ip: from.ip } : {}),
    ...(from.device ? { cookie: from.device } : {}),
    ...(from.headers ? { headers: from.headers } : {}),
  });
}

/** `name=value` of the known-device cookie a response sets. */
function deviceCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('wg_device') && c.value);
  if (!cookie) throw new Error(`no device cookie in ${response.statusCode} ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/** What an observer sees of an answer: status, every header but Date, the exact body. */
function observable(response: LightMyRequestResponse) {
  // Date, the random X-Request-Id and the IP budget's countdown differ between any two requests.
  const { date: _date, 'x-request-id': _id, ratelimit: _remaining, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
}

const wrong = (user: Pick<TestUser, 'email'>, i = 0) => ({ email: user.email, password: `wrong guess number ${i} here` });
const right = (user: TestUser) => ({ email: user.email, password: user.password });

async function lockoutMails(t: TestApp, email: string) {
  return (await t.mail()).filter((m) => m.to === email && /paused/i.test(m.subject));
}

/** Argon2 verifications spent while `action` runs. */
async function hashChecks(t: TestApp, action: () => Promise<unknown>): Promise<number> {
  const original = t.platform.hasher;
  let checks = 0;
  t.platform.hasher = {
    ...original,
    verify: (stored, password) => ((checks += 1), original.verify(stored, password)),
    verifyDummy: (password) => ((checks += 1), original.verifyDummy(password)),
  };
  try {
    await action();
  } finally {
    t.platform.hasher = original;
  }
  return checks;
}

describe('five wrong passwords from unknown devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lock password login from unknown devices for 30 minutes: 423 with the end time, even for the right password', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 5; i++) {
      const response = await login(t, wrong(user, i), { ip: ATTACKER });
      expect(response.statusCode, `attempt ${i}`).toBe(401);
      expect(response.json().code).toBe('invalid_credentials');
    }
    const locked = await login(t, right(user), { ip: '192.0.2.200' });
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    const lockedUntil = new Date(START.getTime() + 30 * MINUTE).toISOString();
    expect(locked.json()).toMatchObject({ status: 423, code: 'account_locked', detail: lockedUntil, retryAfterSeconds: 1800 });
    expect(locked.headers['retry-after']).toBe('1800');
    expect(locked.cookies).toEqual([]);
    // Native apps are held to the same lock.
    const token = await login(t, right(user), { ip: '192.0.2.201' }, '/api/v1/auth/token');
    expect(token.statusCode).toBe(423);
    expect(token.json().detail).toBe(lockedUntil);
  });

  it('mails the owner once per lock: time and IP of the attempts, a single-use unlock link and a reset link', async () => {
    const user = await t.createUser({ name: 'Locked Owner' });
    for (let i = 1; i <= 12; i++) await login(t, wrong(user, i), { ip: ATTACKER });
    const mails = await lockoutMails(t, user.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toMatch(/sign-in to your workgate account was paused/i);
    expect(mail!.text).toContain(ATTACKER);
    expect(mail!.text).toContain(new Date(START.getTime() + 30 * MINUTE).toUTCString());
    expect(mail!.text).toContain(START.toUTCString());
    expect(mail!.text).toMatch(/\/unlock\?token=[A-Za-z0-9_-]{43}/);
    expect(mail!.text).toContain('http://localhost:3000/forgot-password');
    expect(mail!.text).not.toContain('wrong guess');
  });

  it('a correct password resets the counter: four wrong, one right, four wrong do not lock', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 4; i++) expect((await login(t, wrong(user, i), { ip: ATTACKER })).statusCode).toBe(401);
    expect((await login(t, right(user))).statusCode).toBe(200);
    for (let i = 5; i <= 8; i++) expect((await login(t, wrong(user, i), { ip: ATTACKER })).statusCode).toBe(401);
    expect((await login(t, right(user), { ip: '192.0.2.202' })).statusCode).toBe(200);
    expect(await lockoutMails(t, user.email)).toHaveLength(0);
  });

  it('a locked attempt is refused before any password hashing', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 5; i++) await login(t, wrong(user, i), { ip: ATTACKER });
    expect(await hashChecks(t, () => login(t, right(user), { ip: ATTACKER }))).toBe(0);
  });

  it('ends after 30 minutes on the injected clock, and the counter starts again from zero', async () => {
    const user = await t.createUser();
    const lockedAt = t.clock.now().getTime();
    for (let i = 1; i <= 5; i++) await login(t, wrong(user, i), { ip: ATTACKER });
    t.clock.advance(29 * MINUTE);
    const stillLocked = await login(t, right(user), { ip: '192.0.2.203' });
    expect(stillLocked.statusCode).toBe(423);
    expect(stillLocked.json().detail).toBe(new Date(lockedAt + 30 * MINUTE).toISOString());
    expect(Number(stillLocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    t.clock.advance(MINUTE);
    expect((await login(t, right(user), { ip: '192.0.2.203' })).statusCode).toBe(200);
    for (let i = 1; i <= 4; i++) expect((await login(t, wrong(user, i), { ip: ATTACKER })).statusCode).toBe(401);
    expect((await login(t, right(user), { ip: '192.0.2.203' })).statusCode).toBe(200);
  });

  it('is audited: each refused attempt, and the lock with its end', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 6; i++) await login(t, wrong(user, i), { ip: ATTACKER });
    const rows = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, user.id) });
    expect(rows.filter((r) => r.event === 'login_failed')).toHaveLength(6);
    expect(rows.filter((r) => r.event === 'login_failed' && r.details.reason === 'locked')).toHaveLength(1);
    const lock = rows.filter((r) => r.event === 'account_locked');
    expect(lock).toHaveLength(1);
    expect(lock[0]).toMatchObject({ ip: ATTACKER, details: { device: 'unknown_device', until: expect.any(String) } });
  });
});

describe('locks that follow one another', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Five wrong passwords from a fresh address each time (so no per-IP budget runs out); answers the lock's 423. */
  let round = 0;
  async function lockAgain(user: Pick<TestUser, 'email'>) {
    round += 1;
    for (let i = 1; i <= 5; i++) await login(t, wrong(user, i), { ip: `198.18.${round % 250}.${i}` });
    return login(t, wrong(user, 6), { ip: `198.18.${round % 250}.9` });
  }

  it('double in length up to a day, and a correct password starts them again at 30 minutes', async () => {
    const user = await t.createUser();
    const lengths: number[] = [];
    for (let lock = 1; lock <= 8; lock++) {
      const locked = await lockAgain(user);
      expect(locked.statusCode, `lock ${lock}`).toBe(423);
      lengths.push(locked.json().retryAfterSeconds / 60);
      t.clock.advance(locked.json().retryAfterSeconds * 1000);
    }
    expect(lengths).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440]);

    expect((await login(t, right(user), { ip: '192.0.2.210' })).statusCode).toBe(200);
    expect((await lockAgain(user)).json().retryAfterSeconds).toBe(30 * 60);
  });

  it('the lock that brings 100 consecutive failures lasts until the owner unlocks it', async () => {
    const user = await t.createUser();
    for (let lock = 1; lock <= 19; lock++) {
      const locked = await lockAgain(user);
      t.clock.advance(locked.json().retryAfterSeconds * 1000);
    }
    const mailsBefore = (await lockoutMails(t, user.email)).length;
    const twentieth = await lockAgain(user);
    expect(twentieth.statusCode).toBe(423);
    // No end to tell: the answer names none, and the mail says only the owner ends it.
    expect(twentieth.json().detail).toBeUndefined();
    expect(twentieth.headers['retry-after']).toBeUndefined();
    const mails = await lockoutMails(t, user.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails[0]!.text).toMatch(/until you unlock it/);

    t.clock.advance(30 * 24 * 60 * MINUTE);
    expect((await login(t, right(user), { ip: '192.0.2.211' })).statusCode).toBe(423);
    // The unlock link has expired by now (24 hours); a password reset ends the lock at any time.
    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const token = await t.tokenFromMail(user.email, '/reset-password');
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: OTHER_STRONG_PASSWORD } })).statusCode).toBe(200);
    expect((await login(t, { email: user.email, password: OTHER_STRONG_PASSWORD }, { ip: '192.0.2.211' })).statusCode).toBe(200);
    // The reset also ended the run of locks: the next one is 30 minutes again.
    expect((await lockAgain(user)).json().retryAfterSeconds).toBe(30 * 60);
  });

  it('counts slow guessing too: the 100th wrong password in a row, four a day, starts a lock only the owner ends', async () => {
    const user = await t.createUser();
    for (let day = 1; day <= 25; day++) {
      for (let i = 1; i <= 4; i++) {
        const answer = await login(t, wrong(user, i), { ip: `198.19.${day}.${i}` });
        if (day < 25 || i < 4) expect(answer.statusCode, `day ${day}, guess ${i}`).toBe(401);
      }
      t.clock.advance(24 * 60 * MINUTE);
    }
    const locked = await login(t, right(user), { ip: '192.0.2.213' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().detail).toBeUndefined();
  });

  it('an address with no account locked that way is free again once someone confirms an account with it', async () => {
    const email = `not-yet-${round}@example.com`;
    for (let lock = 1; lock <= 20; lock++) {
      const locked = await lockAgain({ email });
      if (lock < 20) t.clock.advance(locked.json().retryAfterSeconds * 1000);
    }
    expect((await login(t, { email, password: 'anything at all 123' }, { ip: '192.0.2.214' })).json().detail).toBeUndefined();
    const user = await t.createUser({ email });
    expect((await login(t, right(user), { ip: '192.0.2.215' })).statusCode).toBe(200);
  });

  it('an unlock link from the mail ends a lock that only the owner ends', async () => {
    const user = await t.createUser();
    for (let lock = 1; lock <= 20; lock++) {
      const locked = await lockAgain(user);
      if (lock < 20) t.clock.advance(locked.json().retryAfterSeconds * 1000);
    }
    t.clock.advance(2 * 60 * MINUTE);
    const token = await t.tokenFromMail(user.email, '/unlock');
    expect((await t.request('POST', '/api/v1/auth/unlock', { body: { token } })).statusCode).toBe(200);
    expect((await login(t, right(user), { ip: '192.0.2.212' })).statusCode).toBe(200);
  });
});

describe('the same answers whether or not the account exists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
  });
  afterAll(async () => {
    await t.close();
  });

  for (const route of ['/api/v1/auth/login', '/api/v1/auth/token'] as const) {
    it(`${route}: every answer of a guessing run is byte-identical for a registered and an unknown address`, async () => {
      const user = await t.createUser();
      const unknown = { email: `nobody-${randomBytes(4).toString('hex')}@example.com` };
      for (let i = 1; i <= 7; i++) {
        const registered = await login(t, wrong(user, i), { ip: ATTACKER }, route);
        const absent = await login(t, wrong(unknown, i), { ip: ATTACKER }, route);
        expect(registered.statusCode, `attempt ${i}`).toBe(i <= 5 ? 401 : 423);
        expect(observable(absent), `attempt ${i}`).toEqual(observable(registered));
      }
    });
  }

  it('locked answers cost the same hashing work (none) for a registered and an unknown address', async () => {
    const user = await t.createUser();
    const unknown = { email: `nobody-${randomBytes(4).toString('hex')}@example.com` };
    for (let i = 1; i <= 5; i++) {
      await login(t, wrong(user, i), { ip: ATTACKER });
      await login(t, wrong(unknown, i), { ip: ATTACKER });
    }
    const registered = await hashChecks(t, () => login(t, wrong(user, 9), { ip: ATTACKER }));
    const absent = await hashChecks(t, () => login(t, wrong(unknown, 9), { ip: ATTACKER }));
    expect(registered).toBe(0);
    expect(absent).toBe(registered);
    // Before the lock both cost exactly one verification.
    const fresh = await t.createUser();
    expect(await hashChecks(t, () => login(t, wrong(fresh, 1), { ip: ATTACKER }))).toBe(1);
    expect(await hashChecks(t, () => login(t, wrong({ email: 'nobody-fresh@example.com' }, 1), { ip: ATTACKER }))).toBe(1);
  });

  it('the address is matched as normalized: case and spaces do not buy new attempts', async () => {
    const user = await t.createUser();
    const variants = [user.email, user.email.toUpperCase(), `  ${user.email} `, user.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < 5; i++) await login(t, { email: variants[i % 4]!, password: `wrong guess ${i} xyz` }, { ip: ATTACKER });
    expect((await login(t, { email: variants[2]!, password: user.password })).statusCode).toBe(423);
  });
});

describe("the owner's known devices keep working", () => {
  let t: TestApp;
  beforeAll(async () => {
    // The documented default per-IP budget of failed logins.
    t = await createTestApp({ env: { LOGIN_FAILURES_PER_IP: '50/900' } });
    t.clock.set(START);
  });
  afterAll(async () => {
    await t.close();
  });

  it("the owner's known device signs in while an attacker's 50 failures have locked unknown devices", async () => {
    const owner = await t.createUser({ name: 'Device Owner' });
    const laptop = deviceCookieOf(await login(t, right(owner), { ip: OWNER_HOME }));
    const appLogin = await login(t, right(owner), { ip: OWNER_HOME }, '/api/v1/auth/token');
    const appDevice = String(appLogin.headers['x-device-token']);
    expect(appDevice).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const answers: number[] = [];
    for (let i = 1; i <= 50; i++) answers.push((await login(t, wrong(owner, i), { ip: ATTACKER })).statusCode);
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(answers.slice(5))).toEqual(new Set([423]));
    // The attacker's IP has spent its budget of failures: 429 from now on.
    const spent = await login(t, wrong(owner, 51), { ip: ATTACKER });
    expect(spent.statusCode).toBe(429);
    expect(spent.json().code).toBe('rate_limited');

    // The owner's own browser and app are not locked out…
    const fromLaptop = await login(t, right(owner), { ip: OWNER_HOME, device: laptop });
    expect(fromLaptop.statusCode).toBe(200);
    expect(fromLaptop.json().user.email).toBe(owner.email);
    const fromApp = await login(t, right(owner), { ip: OWNER_HOME, headers: { 'x-device-token': appDevice } }, '/api/v1/auth/token');
    expect(fromApp.statusCode).toBe(200);
    expect(fromApp.json().token).toBeDefined();
    // …even from the attacker's network: a known device is not held to other people's budgets.
    expect((await login(t, right(owner), { ip: ATTACKER, device: laptop })).statusCode).toBe(200);
    // A new device of the owner's is locked like the attacker's, and one mail told the owner.
    expect((await login(t, right(owner), { ip: '192.0.2.50' })).statusCode).toBe(423);
    expect(await lockoutMails(t, owner.email)).toHaveLength(1);
  });

  it("a device cookie of another account, or a forged one, counts as an unknown device", async () => {
    const owner = await t.createUser();
    const other = await t.createUser();
    const othersLaptop = deviceCookieOf(await login(t, right(other), { ip: '192.0.2.60' }));
    for (let i = 1; i <= 5; i++) await login(t, wrong(owner, i), { ip: '192.0.2.61' });
    expect((await login(t, right(owner), { ip: '192.0.2.60', device: othersLaptop })).statusCode).toBe(423);
    const forged = `wg_device=${randomBytes(32).toString('base64url')}`;
    expect((await login(t, right(owner), { ip: '192.0.2.60', device: forged })).statusCode).toBe(423);
  });

  it('a known device has its own counter: ten wrong passwords from it lock only that device', async () => {
    const owner = await t.createUser();
    const laptop = deviceCookieOf(await login(t, right(owner), { ip: OWNER_HOME }));
    const phone = deviceCookieOf(await login(t, right(owner), { ip: '192.0.2.70' }));
    for (let i = 1; i <= 10; i++) {
      expect((await login(t, wrong(owner, i), { ip: OWNER_HOME, device: laptop })).statusCode, `attempt ${i}`).toBe(401);
    }
    const locked = await login(t, right(owner), { ip: OWNER_HOME, device: laptop });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    // The other known device and unknown devices were not touched by the laptop's failures.
    expect((await login(t, right(owner), { ip: '192.0.2.70', device: phone })).statusCode).toBe(200);
    expect((await login(t, right(owner), { ip: '192.0.2.71' })).statusCode).toBe(200);
    expect(await lockoutMails(t, owner.email)).toHaveLength(1);
  });

  it("a correct password on a known device resets that device's counter only", async () => {
    const owner = await t.createUser();
    const laptop = deviceCookieOf(await login(t, right(owner), { ip: OWNER_HOME }));
    for (let i = 1; i <= 9; i++) await login(t, wrong(owner, i), { ip: OWNER_HOME, device: laptop });
    expect((await login(t, right(owner), { ip: OWNER_HOME, device: laptop })).statusCode).toBe(200);
    for (let i = 1; i <= 9; i++) await login(t, wrong(owner, i), { ip: OWNER_HOME, device: laptop });
    expect((await login(t, right(owner), { ip: OWNER_HOME, device: laptop })).statusCode).toBe(200);
    // Failures from unknown devices are not reset by the known device's success.
    for (let i = 1; i <= 4; i++) await login(t, wrong(owner, i), { ip: '192.0.2.80' });
    expect((await login(t, right(owner), { ip: OWNER_HOME, device: laptop })).statusCode).toBe(200);
    await login(t, wrong(owner, 5), { ip: '192.0.2.80' });
    expect((await login(t, right(owner), { ip: '192.0.2.81' })).statusCode).toBe(423);
  });
});

describe('ending a lock early', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the unlock link from the mail ends the lock at once, and works once', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 5; i++) await login(t, wrong(user, i), { ip: ATTACKER });
    expect((await login(t, right(user))).statusCode).toBe(423);
    const token = await t.tokenFromMail(user.email, '/unlock');
    const unlocked = await t.request('POST', '/api/v1/auth/unlock', { body: { token } });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toEqual({ status: 'ok' });
    expect((await login(t, right(user))).statusCode).toBe(200);
    const again = await t.request('POST', '/api/v1/auth/unlock', { body: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
    const events = await t.platform.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.userId, user.id) });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['account_locked', 'account_unlocked']));
  });

  it('the unlock link also ends the lock of a known device', async () => {
    const user = await t.createUser();
    const laptop = deviceCookieOf(await login(t, right(user), { ip: OWNER_HOME }));
    for (let i = 1; i <= 10; i++) await login(t, wrong(user, i), { device: laptop });
    expect((await login(t, right(user), { device: laptop })).statusCode).toBe(423);
    const token = await t.tokenFromMail(user.email, '/unlock');
    expect((await t.request('POST', '/api/v1/auth/unlock', { body: { token } })).statusCode).toBe(200);
    expect((await login(t, right(user), { device: laptop })).statusCode).toBe(200);
  });

  it('a junk or unknown unlock token is refused without touching any lock', async () => {
    for (const token of ['x', randomBytes(32).toString('base64url')]) {
      const response = await t.request('POST', '/api/v1/auth/unlock', { body: { token } });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('invalid_token');
    }
  });

  it('resetting the password by mail ends the lock', async () => {
    const user = await t.createUser();
    for (let i = 1; i <= 5; i++) await login(t, wrong(user, i), { ip: ATTACKER });
    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const token = await t.tokenFromMail(user.email, '/reset-password');
    expect((await t.request('POST', '/api/v1/auth/password/reset', { body: { token, password: OTHER_STRONG_PASSWORD } })).statusCode).toBe(200);
    expect((await login(t, { email: user.email, password: OTHER_STRONG_PASSWORD })).statusCode).toBe(200);
  });
});

describe('failed-login budgets per IP and for the whole deployment', () => {
  it('an IP that spent its failures gets 429 for any account; other IPs and known devices do not', async () => {
    const t = await createTestApp({ env: { LOGIN_FAILURES_PER_IP: '6/900' } });
    try {
      const owner = await t.createUser();
      const laptop = deviceCookieOf(await login(t, right(owner), { ip: ATTACKER }));
      // Password spraying: one guess per account, never enough to lock any of them.
      for (let i = 1; i <= 6; i++) {
        expect((await login(t, wrong({ email: `sprayed-${i}@example.com` }), { ip: ATTACKER })).statusCode).toBe(401);
      }
      const limited = await login(t, right(owner), { ip: ATTACKER });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect((await login(t, right(owner), { ip: '192.0.2.90' })).statusCode).toBe(200);
      expect((await login(t, right(owner), { ip: ATTACKER, device: laptop })).statusCode).toBe(200);
      // Successful logins do not spend the budget; the window reopens after 15 minutes.
      t.clock.advance(15 * MINUTE + 1000);
      expect((await login(t, right(owner), { ip: ATTACKER })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('IPv6 clients are counted per /64 network', async () => {
    expect(ipBucket('2001:db8:1:2:aaaa::1')).toBe(ipBucket('2001:db8:1:2:ffff:1:2:3'));
    expect(ipBucket('2001:db8:1:2::1')).not.toBe(ipBucket('2001:db8:1:3::1'));
    expect(ipBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(ipBucket('192.0.2.1')).toBe('192.0.2.1');
    const t = await createTestApp({ env: { LOGIN_FAILURES_PER_IP: '3/900' } });
    try {
      for (let i = 1; i <= 3; i++) await login(t, wrong({ email: `v6-${i}@example.com` }), { ip: `2001:db8:7:7::${i}` });
      expect((await login(t, wrong({ email: 'v6-4@example.com' }), { ip: '2001:db8:7:7:ffff::9' })).statusCode).toBe(429);
      expect((await login(t, wrong({ email: 'v6-5@example.com' }), { ip: '2001:db8:7:8::1' })).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('once the deployment-wide budget is spent, unknown devices get 429 and known devices still sign in', async () => {
    const t = await createTestApp({ env: { LOGIN_FAILURES_GLOBAL: '8/60' } });
    try {
      const owner = await t.createUser();
      const laptop = deviceCookieOf(await login(t, right(owner), { ip: OWNER_HOME }));
      // A botnet: every request from another address, at another account.
      for (let i = 1; i <= 8; i++) await login(t, wrong({ email: `stuffed-${i}@example.com` }), { ip: `203.0.113.${100 + i}` });
      const limited = await login(t, right(owner), { ip: '192.0.2.99' });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect((await login(t, right(owner), { ip: OWNER_HOME, device: laptop })).statusCode).toBe(200);
      t.clock.advance(MINUTE + 1000);
      expect((await login(t, right(owner), { ip: '192.0.2.99' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

// Only with services: the in-process store cannot be shared, so there is nothing to run without Redis.
if (testRedisUrl) {
  describe('two instances sharing PostgreSQL and Redis', () => {
    it('a lockout counted on one instance applies on the other', async () => {
      const a = await createTestApp({ redis: true });
      expect(a.databaseUrl).toMatch(/^postgres/);
      const b = await createTestApp({ redis: true, databaseUrl: a.databaseUrl! });
      try {
        const attacker = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.9`;
        const owner = await a.createUser();
        const laptop = deviceCookieOf(await login(b, right(owner), { ip: OWNER_HOME }));
        for (const [i, instance] of [a, b, a, b, a].entries()) {
          expect((await login(instance, wrong(owner, i), { ip: attacker })).statusCode, `attempt ${i + 1}`).toBe(401);
        }
        const onA = await login(a, right(owner), { ip: '192.0.2.120' });
        const onB = await login(b, right(owner), { ip: '192.0.2.121' });
        expect(onA.statusCode).toBe(423);
        expect(onB.statusCode).toBe(423);
        expect(Math.abs(Date.parse(onA.json().detail) - Date.parse(onB.json().detail))).toBeLessThanOrEqual(2000);
        // The device known through b is known on a: one database.
        expect((await login(a, right(owner), { ip: OWNER_HOME, device: laptop })).statusCode).toBe(200);
        // One mail, from the instance that saw the fifth failure.
        expect((await lockoutMails(a, owner.email)).length + (await lockoutMails(b, owner.email)).length).toBe(1);
        const token = await a.tokenFromMail(owner.email, '/unlock');
        expect((await b.request('POST', '/api/v1/auth/unlock', { body: { token } })).statusCode).toBe(200);
        expect((await login(a, right(owner), { ip: '192.0.2.120' })).statusCode).toBe(200);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
}
