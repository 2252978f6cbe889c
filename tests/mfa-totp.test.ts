/**
 * Authenticator apps and recovery codes (RFC 6238; NIST SP 800-63B §5.1.4 and §5.1.5):
 * enrolment confirmed by a first code, login in two steps, replay refused, recovery codes
 * single use and replaceable, challenges limited in time and tries.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';
import { loadConfig } from '../src/server/config.js';
import { totpFactors } from '../src/server/modules/auth/methods/totp/totp.table.js';
import { createSecretBox } from '../src/server/platform/secret-box.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The code an authenticator app shows for `secret` at the app's current time, `steps` steps later. */
function codeFor(secret: string, steps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + steps * 30_000 });
}

async function enrolTotp(user: TestUser): Promise<{ cookie: string; secret: string; recoveryCodes: string[] }> {
  const cookie = await t.signIn(user);
  const setup = await t.request('POST', '/api/v1/account/mfa/totp', { cookie });
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl, qrCodeDataUrl } = setup.json();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Workgate:.+\?.*secret=/);
  expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
  const confirm = await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: codeFor(secret) } });
  expect(confirm.statusCode).toBe(200);
  return { cookie, secret, recoveryCodes: confirm.json().recoveryCodes };
}

async function passwordStep(user: TestUser) {
  const response = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  expect(response.statusCode).toBe(200);
  return response;
}

describe('enrolment', () => {
  it('is confirmed by a first code, mails the owner, and answers ten recovery codes once', async () => {
    const user = await t.createUser();
    const { recoveryCodes, cookie } = await enrolTotp(user);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$/);
    expect((await t.lastMailTo(user.email))?.subject).toMatch(/two-step verification was turned on/i);
    const status = await t.request('GET', '/api/v1/account/mfa', { cookie });
    expect(status.json()).toMatchObject({ totp: true, recoveryCodesRemaining: 10 });
    expect(status.json().methods).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
  });

  it('a wrong first code confirms nothing, and login stays one step', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    const confirm = await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: wrong } });
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().code).toBe('invalid_code');
    expect((await passwordStep(user)).json().user).toBeDefined();
  });

  it('cannot replace a confirmed authenticator without removing it first', async () => {
    const user = await t.createUser();
    const { cookie } = await enrolTotp(user);
    const again = await t.request('POST', '/api/v1/account/mfa/totp', { cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_enabled');
  });
});

describe('login with an authenticator app', () => {
  it('answers a challenge instead of a session, then a code completes it with a new session of level 2', async () => {
    const user = await t.createUser();
    const { secret } = await enrolTotp(user);
    t.clock.advance(MINUTE);
    const first = await passwordStep(user);
    expect(sessionCookieOf(first)).toBeUndefined();
    const body = first.json();
    expect(body).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['totp', 'recovery_code']) });
    expect(body.user).toBeUndefined();

    const done = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: body.challenge, method: 'totp', code: codeFor(secret) } });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe(user.email);
    const cookie = sessionCookieOf(done);
    const sessions = await t.platform.db.query.sessions.findMany({ where: (s, { eq }) => eq(s.userId, user.id) });
    expect(sessions.find((s) => s.aal === 2)).toBeDefined();
    expect((await t.request('GET', '/api/v1/auth/session', { cookie })).statusCode).toBe(200);
  });

  it('refuses a code that was already accepted (replay), and an older one', async () => {
    const user = await t.createUser();
    const { secret } = await enrolTotp(user);
    t.clock.advance(MINUTE);
    const code = codeFor(secret);
    const a = (await passwordStep(user)).json().challenge;
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: a, method: 'totp', code } })).statusCode).toBe(200);
    const b = (await passwordStep(user)).json().challenge;
    const replay = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: b, method: 'totp', code } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('invalid_code');
    const previousStep = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: b, method: 'totp', code: codeFor(secret, -1) } });
    expect(previousStep.json().code).toBe('invalid_code');
    // The next step's code is not good yet (tests/security/totp-code-lifetime.test.ts); once its step comes, it is.
    const next = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: b, method: 'totp', code: codeFor(secret, 1) } });
    expect(next.json().code).toBe('invalid_code');
    t.clock.advance(30_000);
    const inItsStep = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: b, method: 'totp', code: codeFor(secret) } });
    expect(inItsStep.statusCode).toBe(200);
  });

  it('refuses codes two steps away', async () => {
    const user = await t.createUser();
    const { secret } = await enrolTotp(user);
    t.clock.advance(MINUTE);
    const challenge = (await passwordStep(user)).json().challenge;
    for (const steps of [-2, 2, 3]) {
      const response = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code: codeFor(secret, steps) } });
      expect(response.json().code, String(steps)).toBe('invalid_code');
    }
  });

  it('ends a challenge after five wrong codes', async () => {
    const user = await t.createUser();
    const { secret } = await enrolTotp(user);
    t.clock.advance(MINUTE);
    const challenge = (await passwordStep(user)).json().challenge;
    const codes = ['000000', '111111', '222222', '333333'];
    for (const code of codes) {
      expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code } })).json().code).toBe('invalid_code');
    }
    const fifth = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code: '444444' } });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().code).toBe('challenge_expired');
    const afterwards = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code: codeFor(secret) } });
    expect(afterwards.json().code).toBe('challenge_expired');
  });

  it('a challenge lives ten minutes and works once', async () => {
    const user = await t.createUser();
    const { secret } = await enrolTotp(user);
    t.clock.advance(MINUTE);
    const late = (await passwordStep(user)).json().challenge;
    t.clock.advance(10 * MINUTE + 1000);
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: late, method: 'totp', code: codeFor(secret) } })).json().code).toBe('challenge_expired');

    const once = (await passwordStep(user)).json().challenge;
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: once, method: 'totp', code: codeFor(secret) } })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: once, method: 'totp', code: codeFor(secret, 1) } })).json().code).toBe('challenge_expired');
  });

  it('refuses a method the account has not set up, and forged challenges', async () => {
    const user = await t.createUser();
    await enrolTotp(user);
    const challenge = (await passwordStep(user)).json().challenge;
    const sms = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'sms_code', code: '123456' } });
    expect(sms.json().code).toBe('method_not_available');
    const forged = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: 'A'.repeat(43), method: 'totp', code: '123456' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('challenge_expired');
  });

  it('native apps get a token after the second step', async () => {
    const user = await t.createUser();
    const { secret } = await enrolTotp(user);
    t.clock.advance(MINUTE);
    const first = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
    expect(first.json().mfaRequired).toBe(true);
    const done = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: first.json().challenge, method: 'totp', code: codeFor(secret) } });
    expect(done.statusCode).toBe(200);
    expect(sessionCookieOf(done)).toBeUndefined();
    const { token } = done.json();
    expect((await t.request('GET', '/api/v1/auth/session', { bearer: token })).statusCode).toBe(200);
  });
});

describe('recovery codes', () => {
  it('each signs in once, in any case and with or without dashes', async () => {
    const user = await t.createUser();
    const { recoveryCodes } = await enrolTotp(user);
    const [code] = recoveryCodes;
    const typed = code!.toLowerCase().replaceAll('-', ' ');
    const challenge = (await passwordStep(user)).json().challenge;
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'recovery_code', code: typed } })).statusCode).toBe(200);
    const again = (await passwordStep(user)).json().challenge;
    const reused = await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: again, method: 'recovery_code', code: code! } });
    expect(reused.json().code).toBe('invalid_code');
    const cookie = await (async () => {
      const c = (await passwordStep(user)).json().challenge;
      return sessionCookieOf(await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: c, method: 'recovery_code', code: recoveryCodes[1]! } }));
    })();
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json().recoveryCodesRemaining).toBe(8);
  });

  it('a new set voids the old one', async () => {
    const user = await t.createUser();
    const { cookie, recoveryCodes: old } = await enrolTotp(user);
    const fresh = await t.request('POST', '/api/v1/account/mfa/recovery-codes', { cookie });
    expect(fresh.statusCode).toBe(200);
    const codes: string[] = fresh.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(codes.some((c) => old.includes(c))).toBe(false);
    const challenge = (await passwordStep(user)).json().challenge;
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'recovery_code', code: old[0]! } })).json().code).toBe('invalid_code');
    expect((await t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'recovery_code', code: codes[0]! } })).statusCode).toBe(200);
  });

  it('are stored only as hashes', async () => {
    const user = await t.createUser();
    const { recoveryCodes } = await enrolTotp(user);
    const rows = await t.platform.db.query.recoveryCodes.findMany({ where: (r, { eq }) => eq(r.userId, user.id) });
    const stored = JSON.stringify(rows);
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }
  });
});

describe('removing the authenticator app', () => {
  it('returns login to one step, deletes the recovery codes and mails the owner', async () => {
    const user = await t.createUser();
    const { cookie } = await enrolTotp(user);
    const removed = await t.request('DELETE', '/api/v1/account/mfa/totp', { cookie });
    expect(removed.statusCode).toBe(204);
    expect((await t.lastMailTo(user.email))?.subject).toMatch(/removed/i);
    expect((await passwordStep(user)).json().user).toBeDefined();
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json()).toMatchObject({ totp: false, recoveryCodesRemaining: 0, methods: [] });
    expect((await t.request('DELETE', '/api/v1/account/mfa/totp', { cookie })).statusCode).toBe(404);
  });
});

describe('authenticator secrets at rest, with TOTP_SECRET_KEY', () => {
  let sealed: TestApp;
  beforeAll(async () => {
    sealed = await createTestApp({ env: { TOTP_SECRET_KEY: randomBytes(32).toString('base64url') } });
  });
  afterAll(async () => {
    await sealed.close();
  });

  const codeAt = (app: TestApp, secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: app.clock.now().getTime() });
  const storedSecret = async (app: TestApp, userId: string) =>
    (await app.platform.db.query.totpFactors.findFirst({ where: (f, { eq }) => eq(f.userId, userId) }))!.secret;

  /** An authenticator confirmed with `stored` as its stored secret, as an older deployment or another key left it. */
  async function storedFactor(app: TestApp, userId: string, stored: string) {
    await app.platform.db.insert(totpFactors).values({ userId, secret: stored, createdAt: app.clock.now(), confirmedAt: app.clock.now() });
    app.clock.advance(MINUTE);
  }

  /** The stored secret is a compact JWE that does not contain the secret. */
  async function expectSealed(userId: string, secret: string) {
    const stored = await storedSecret(sealed, userId);
    expect(stored).not.toContain(secret);
    expect(stored.split('.')).toHaveLength(5);
  }

  /** Password, then a code from the app: the status of the second step. */
  async function twoStepStatus(app: TestApp, user: TestUser, secret: string): Promise<number> {
    const first = await app.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    const { challenge } = first.json();
    const second = await app.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code: codeAt(app, secret) } });
    return second.statusCode;
  }

  it('are stored encrypted, and codes from the app still work', async () => {
    const user = await sealed.createUser();
    const cookie = await sealed.signIn(user);
    const { secret } = (await sealed.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
    expect((await sealed.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: codeAt(sealed, secret) } })).statusCode).toBe(200);

    await expectSealed(user.id, secret);
    sealed.clock.advance(MINUTE);
    expect(await twoStepStatus(sealed, user, secret)).toBe(200);
  });

  it('a secret stored before the key was set still works, and is sealed at its first use', async () => {
    const user = await sealed.createUser();
    const secret = new Secret({ size: 20 }).base32;
    await storedFactor(sealed, user.id, secret);
    expect(await twoStepStatus(sealed, user, secret)).toBe(200);
    await expectSealed(user.id, secret);
    sealed.clock.advance(MINUTE);
    expect(await twoStepStatus(sealed, user, secret)).toBe(200);
  });

  it('a secret sealed with another key answers 503 service_unavailable, and the person keeps their tries', async () => {
    const user = await sealed.createUser();
    const secret = new Secret({ size: 20 }).base32;
    await storedFactor(sealed, user.id, await createSecretBox(new Uint8Array(randomBytes(32))).seal(secret));
    const first = await sealed.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    const { challenge } = first.json();
    for (let i = 0; i < 6; i++) {
      const answer = await sealed.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'totp', code: codeAt(sealed, secret) } });
      expect(answer.statusCode).toBe(503);
      expect(answer.json().code).toBe('service_unavailable');
    }
    // The challenge is still usable with another method once the operator has mended the key.
    const recovery = await sealed.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'recovery_code', code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' } });
    expect(recovery.json().code).not.toBe('challenge_expired');
  });

  it('a key that is not 32 bytes of base64url stops the start-up, naming the variable', () => {
    for (const bad of ['short', randomBytes(16).toString('base64url'), `${randomBytes(32).toString('base64')}!`]) {
      expect(() => loadConfig({ TOTP_SECRET_KEY: bad })).toThrow(/TOTP_SECRET_KEY: must be 32 random bytes/);
    }
    // Empty, like the other optional variables, means unset.
    expect(loadConfig({ TOTP_SECRET_KEY: '' }).totpSecretKey).toBeUndefined();
  });
});
