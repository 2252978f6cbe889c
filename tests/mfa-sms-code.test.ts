/**
 * Codes by SMS as a second factor, and the phone number behind them.
 *
 * Requirement (issue 4, "Second factors"): SMS code as a second factor, 6 digits, valid 10
 * minutes, at most 5 tries, then a new code is needed; phone numbers are verified before use,
 * parsed and stored as E.164 with libphonenumber-js; SMS goes through a provider interface
 * with an outbox form, like mail. Step-up: changing the phone or a second factor needs an
 * authentication younger than 10 minutes. NIST SP 800-63B §5.1.3.3 (the number must be proven
 * before use; codes single use and short-lived) and §5.2.2 (rate limiting). SMS pumping
 * (premium numbers, floods to one number) is answered by number-type checks and send limits.
 */
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { phoneNumbers } from '../src/server/modules/auth/methods/one-time-code/one-time-code.table.js';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { createHttpSmsSender } from '../src/server/platform/sms.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { MINUTE } from './helpers/test-clock.js';
import { testRedisUrl } from './helpers/test-database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const CODE_IN_SMS = / is (\d{6})\./;
let nextNumber = 0;
/** A distinct valid UK mobile number per call, so per-number send limits never meet across tests. */
function newMobile(): { national: string; e164: string } {
  nextNumber += 1;
  const digits = String(100_000 + nextNumber);
  return { national: `07700 ${digits}`, e164: `+447700${digits}` };
}

/** The code in the newest text message to `phone`. */
async function smsCode(phone: string): Promise<string> {
  await t.platform.sms.drain();
  const message = t.platform.sms.outbox().find((m) => m.to === phone);
  const code = message && CODE_IN_SMS.exec(message.body)?.[1];
  if (!code) throw new Error(`no code texted to ${phone}`);
  return code;
}

function setPhone(cookie: string, phone: string, country?: string) {
  return t.request('POST', '/api/v1/account/phone', { cookie, body: { phone, ...(country ? { country } : {}) } });
}

function verifyPhone(cookie: string, code: string) {
  return t.request('POST', '/api/v1/account/phone/verify', { cookie, body: { code } });
}

/** Signs in, sets and confirms a phone number, and optionally turns SMS codes on. */
async function userWithPhone(options: { smsFactor?: boolean } = {}): Promise<{ user: TestUser; cookie: string; phone: string }> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  const { national, e164 } = newMobile();
  expect((await setPhone(cookie, national, 'GB')).statusCode).toBe(202);
  expect((await verifyPhone(cookie, await smsCode(e164))).statusCode).toBe(200);
  if (options.smsFactor) expect((await t.request('POST', '/api/v1/account/mfa/sms', { cookie })).statusCode).toBe(200);
  return { user, cookie, phone: e164 };
}

async function passwordStep(user: TestUser): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  expect(response.json()).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['sms_code']) });
  return response.json().challenge;
}

function sendLoginCode(challenge: string) {
  return t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: 'sms_code' } });
}

function completeLogin(challenge: string, code: string) {
  return t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: 'sms_code', code } });
}

function otherThan(code: string, offset = 1): string {
  return String((Number(code) + offset) % 1_000_000).padStart(6, '0');
}

describe('phone numbers', () => {
  it.each([
    ['07400 100001', 'GB', '+447400100001'],
    ['0044 7400 100002', 'GB', '+447400100002'],
    ['+44 (0)7400 100003', undefined, '+447400100003'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06 12 34 56 78', 'fr', '+33612345678'],
    ['01512 3456789', 'DE', '+4915123456789'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['1-201-555-0124', 'US', '+12015550124'],
    ['+1 201.555.0125', undefined, '+12015550125'],
  ])('%s (%s) is stored as %s and texted a code', async (input, country, e164) => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const response = await setPhone(cookie, input, country);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ phone: e164, verified: false });
    const [row] = await t.platform.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, user.id));
    expect(row).toMatchObject({ e164, verifiedAt: null });
    expect(await smsCode(e164)).toMatch(/^\d{6}$/);
  });

  it.each([
    ['12', 'US', 'phone'],
    ['not a number', 'GB', 'phone'],
    ['07400 10000', 'GB', 'phone'],
    ['07400 100010', undefined, 'phone'],
    ['+44 20 7946 0958', undefined, 'phone'],
    ['09001 234567', 'DE', 'phone'],
    ['0800 123 4567', 'GB', 'phone'],
    ['07400 100011', 'XX', 'country'],
    ['07400 100012', 'GBR', 'country'],
  ])('%s (%s) is refused with 400 on %s, and nothing is texted', async (input, country, path) => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const before = t.platform.sms.outbox().length;
    const response = await setPhone(cookie, input, country);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    await t.platform.sms.drain();
    expect(t.platform.sms.outbox().length).toBe(before);
    expect(await t.platform.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, user.id))).toEqual([]);
  });

  it('the texted code confirms the number: audited, mailed, shown in the status', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json().phone).toBeNull();
    const { national, e164 } = newMobile();
    await setPhone(cookie, national, 'GB');
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json().phone).toEqual({ phone: e164, verified: false });
    const confirmed = await verifyPhone(cookie, await smsCode(e164));
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ phone: e164, verified: true });
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json()).toMatchObject({ phone: { phone: e164, verified: true }, smsCode: false });
    expect((await t.lastMailTo(user.email))?.text).toContain(`ending in ${e164.slice(-4)}`);
    const audited = await t.platform.db.select().from(auditEvents).where(and(eq(auditEvents.userId, user.id), eq(auditEvents.event, 'phone_verified')));
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited[0]!.details)).not.toContain(e164);
  });

  it('a wrong code counts; the fifth wrong try ends the code (code_expired) and a new code is needed', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const { national, e164 } = newMobile();
    await setPhone(cookie, national, 'GB');
    const code = await smsCode(e164);
    for (let i = 1; i <= 4; i += 1) {
      const wrong = await verifyPhone(cookie, otherThan(code, i));
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('invalid_code');
    }
    expect((await verifyPhone(cookie, otherThan(code, 5))).json().code).toBe('code_expired');
    expect((await verifyPhone(cookie, code)).json().code).toBe('code_expired');
    await setPhone(cookie, national, 'GB');
    const fresh = await smsCode(e164);
    expect((await verifyPhone(cookie, fresh)).statusCode).toBe(200);
  });

  it('a code lives ten minutes', async () => {
    const user = await t.createUser();
    const signedIn = await t.signIn(user);
    const { national, e164 } = newMobile();
    await setPhone(signedIn, national, 'GB');
    const code = await smsCode(e164);
    t.clock.advance(10 * MINUTE + 1000);
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: signedIn, body: { password: user.password } });
    expect(reauth.statusCode).toBe(204);
    // The step-up renewed the session's token: the new cookie carries it.
    const late = await verifyPhone(sessionCookieOf(reauth)!, code);
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('code_expired');
  });

  it('a code sent to one number does not confirm another set afterwards', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const first = newMobile();
    const second = newMobile();
    await setPhone(cookie, first.national, 'GB');
    const firstCode = await smsCode(first.e164);
    await setPhone(cookie, second.e164);
    const secondCode = await smsCode(second.e164);
    if (firstCode !== secondCode) expect((await verifyPhone(cookie, firstCode)).json().code).toBe('invalid_code');
    expect((await verifyPhone(cookie, secondCode)).json()).toEqual({ phone: second.e164, verified: true });
  });

  it('setting and confirming the number need step-up', async () => {
    const user = await t.createUser();
    const signedIn = await t.signIn(user);
    const { national, e164 } = newMobile();
    t.clock.advance(11 * MINUTE);
    const late = await setPhone(signedIn, national, 'GB');
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('reauthentication_required');
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: signedIn, body: { password: user.password } });
    const cookie = sessionCookieOf(reauth)!;
    await setPhone(cookie, national, 'GB');
    const code = await smsCode(e164);
    t.clock.advance(11 * MINUTE);
    expect((await verifyPhone(cookie, code)).json().code).toBe('reauthentication_required');
  });

  it('needs a session', async () => {
    const response = await t.request('POST', '/api/v1/account/phone', { body: { phone: '+447700900999' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('turning SMS codes on and off', () => {
  it('is refused until the phone number is confirmed', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const none = await t.request('POST', '/api/v1/account/mfa/sms', { cookie });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('phone_unverified');
    const { national, e164 } = newMobile();
    await setPhone(cookie, national, 'GB');
    expect((await t.request('POST', '/api/v1/account/mfa/sms', { cookie })).json().code).toBe('phone_unverified');
    await verifyPhone(cookie, await smsCode(e164));
    const on = await t.request('POST', '/api/v1/account/mfa/sms', { cookie });
    expect(on.statusCode).toBe(200);
    expect(on.json().recoveryCodes).toHaveLength(10);
    expect((await t.lastMailTo(user.email))?.subject).toMatch(/two-step verification was turned on/i);
    const status = (await t.request('GET', '/api/v1/account/mfa', { cookie })).json();
    expect(status).toMatchObject({ smsCode: true, emailCode: false, methods: ['recovery_code', 'sms_code'] });
    const audited = await t.platform.db.select().from(auditEvents).where(and(eq(auditEvents.userId, user.id), eq(auditEvents.event, 'mfa_enabled')));
    expect(audited.map((e) => e.details)).toEqual([{ method: 'sms_code' }]);
  });

  it('needs step-up', async () => {
    const { user, cookie: signedIn } = await userWithPhone();
    t.clock.advance(11 * MINUTE);
    const late = await t.request('POST', '/api/v1/account/mfa/sms', { cookie: signedIn });
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('reauthentication_required');
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: signedIn, body: { password: user.password } });
    const cookie = sessionCookieOf(reauth)!;
    expect((await t.request('POST', '/api/v1/account/mfa/sms', { cookie })).statusCode).toBe(200);
    t.clock.advance(11 * MINUTE);
    expect((await t.request('DELETE', '/api/v1/account/mfa/sms', { cookie })).json().code).toBe('reauthentication_required');
  });

  it('while on, the number cannot be replaced; turning off (the last factor) deletes the recovery codes', async () => {
    const { user, cookie, phone } = await userWithPhone({ smsFactor: true });
    const other = newMobile();
    const change = await setPhone(cookie, other.national, 'GB');
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('phone_used_for_sign_in');
    expect((await setPhone(cookie, phone)).json().code).toBe('already_enabled');

    const off = await t.request('DELETE', '/api/v1/account/mfa/sms', { cookie });
    expect(off.statusCode).toBe(204);
    expect((await t.lastMailTo(user.email))?.subject).toMatch(/second sign-in step was removed/i);
    expect((await t.request('GET', '/api/v1/account/mfa', { cookie })).json()).toMatchObject({ smsCode: false, methods: [], recoveryCodesRemaining: 0 });
    expect((await setPhone(cookie, other.national, 'GB')).statusCode).toBe(202);
  });
});

describe('login with a code by SMS', () => {
  it('challenge, then send, then the texted code: a session of level 2', async () => {
    const { user, phone } = await userWithPhone({ smsFactor: true });
    const challenge = await passwordStep(user);
    expect((await sendLoginCode(challenge)).statusCode).toBe(202);
    const code = await smsCode(phone);
    const message = t.platform.sms.outbox().find((m) => m.to === phone)!;
    // Origin-bound format (WebOTP): the last line names the site the code is for.
    expect(message.body.split('\n').at(-1)).toBe(`@localhost #${code}`);

    const done = await completeLogin(challenge, code);
    expect(done.statusCode).toBe(200);
    const cookie = sessionCookieOf(done);
    const session = await t.request('GET', '/api/v1/auth/session', { cookie });
    expect(session.statusCode).toBe(200);
    const rows = await t.platform.db.query.sessions.findMany({ where: (s, { eq: equals }) => equals(s.userId, user.id) });
    expect(rows.find((s) => s.id === session.json().session.id)?.aal).toBe(2);
  });

  it('a code works once; a wrong one counts; five wrong tries end it', async () => {
    const { user, phone } = await userWithPhone({ smsFactor: true });
    const first = await passwordStep(user);
    await sendLoginCode(first);
    const used = await smsCode(phone);
    expect((await completeLogin(first, otherThan(used))).json().code).toBe('invalid_code');
    expect((await completeLogin(first, used)).statusCode).toBe(200);
    const second = await passwordStep(user);
    expect((await completeLogin(second, used)).json().code).toBe('code_expired');

    await sendLoginCode(second);
    const code = await smsCode(phone);
    for (let i = 1; i <= 4; i += 1) expect((await completeLogin(second, otherThan(code, i))).json().code).toBe('invalid_code');
    expect((await completeLogin(second, otherThan(code, 5))).json().code).toBe('challenge_expired');
    const third = await passwordStep(user);
    expect((await completeLogin(third, code)).json().code).toBe('code_expired');
  });

  it('step-up with a texted code', async () => {
    const { cookie: signedIn, phone } = await userWithPhone({ smsFactor: true });
    t.clock.advance(11 * MINUTE);
    expect((await t.request('POST', '/api/v1/auth/reauthenticate/send', { cookie: signedIn, body: { method: 'sms_code' } })).statusCode).toBe(202);
    const code = await smsCode(phone);
    const reauth = await t.request('POST', '/api/v1/auth/reauthenticate', { cookie: signedIn, body: { method: 'sms_code', code } });
    expect(reauth.statusCode).toBe(204);
    const cookie = sessionCookieOf(reauth)!;
    expect((await t.request('DELETE', '/api/v1/account/mfa/sms', { cookie })).statusCode).toBe(204);
    const unavailable = await t.request('POST', '/api/v1/auth/reauthenticate/send', { cookie, body: { method: 'sms_code' } });
    expect(unavailable.json().code).toBe('method_not_available');
  });
});

describe('send limits', () => {
  it('phone confirmations and sign-in codes share five texts per user in fifteen minutes', async () => {
    const { user, phone } = await userWithPhone({ smsFactor: true });
    const challenge = await passwordStep(user);
    // One text went to confirm the number; four more are allowed.
    for (let i = 0; i < 4; i += 1) expect((await sendLoginCode(challenge)).statusCode).toBe(202);
    const refused = await sendLoginCode(challenge);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(refused.json().retryAfterSeconds).toBeGreaterThan(0);
    t.clock.advance(15 * MINUTE + 1000);
    const later = await passwordStep(user);
    expect((await sendLoginCode(later)).statusCode).toBe(202);
    expect((await completeLogin(later, await smsCode(phone))).statusCode).toBe(200);
  });

  it('one number receives at most five texts in fifteen minutes, whichever accounts ask', async () => {
    const { national } = newMobile();
    for (let i = 0; i < 5; i += 1) {
      const user = await t.createUser();
      expect((await setPhone(await t.signIn(user), national, 'GB')).statusCode).toBe(202);
    }
    const sixth = await setPhone(await t.signIn(await t.createUser()), national, 'GB');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('rate_limited');
  });
});

// Only with services: an in-process store cannot be shared, so there is nothing to run without Redis.
if (testRedisUrl) describe('two instances sharing Redis', () => {
  it('share the per-number send limit', async () => {
    const a = await createTestApp({ redis: true });
    const b = await createTestApp({ redis: true });
    try {
      // Redis outlives a test app: a fresh number keeps earlier runs' counts out.
      const phone = `+4474003${String(randomInt(0, 100_000)).padStart(5, '0')}`;
      const setOn = async (app: TestApp) =>
        app.request('POST', '/api/v1/account/phone', { cookie: await app.signIn(await app.createUser()), body: { phone } });
      for (const app of [a, b, a, b, a]) expect((await setOn(app)).statusCode).toBe(202);
      expect((await setOn(b)).json().code).toBe('rate_limited');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the SMS adapter', () => {
  it('lists the outbox at /dev/sms.json and /dev/sms outside production', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const { national, e164 } = newMobile();
    await setPhone(cookie, national, 'GB');
    await t.platform.sms.drain();
    const json = await t.request('GET', '/dev/sms.json');
    expect(json.statusCode).toBe(200);
    expect(json.json().sms.find((m: { to: string }) => m.to === e164)).toMatchObject({ body: expect.stringMatching(CODE_IN_SMS) });
    const page = await t.request('GET', '/dev/sms');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(e164);
  });

  it('posts {to, body} as JSON with the API key to the provider when SMS_PROVIDER_URL is set', async () => {
    const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];
    let status = 200;
    const provider = createServer((request, response) => {
      let data = '';
      request.on('data', (chunk) => (data += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(data) });
        response.writeHead(status).end('{"id":"msg-1"}');
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/messages`;
    const remote = await createTestApp({ env: { SMS_PROVIDER_URL: url, SMS_API_KEY: 'test-key-123' } });
    try {
      const user = await remote.createUser();
      const cookie = await remote.signIn(user);
      const response = await remote.request('POST', '/api/v1/account/phone', { cookie, body: { phone: '+447400200500' } });
      expect(response.statusCode).toBe(202);
      await remote.platform.sms.drain();
      expect(received).toHaveLength(1);
      expect(received[0]!.headers.authorization).toBe('Bearer test-key-123');
      expect(received[0]!.headers['content-type']).toBe('application/json');
      expect(received[0]!.body).toEqual({ to: '+447400200500', body: expect.stringMatching(CODE_IN_SMS) });
      expect(remote.platform.sms.outbox()).toEqual([]);

      // A failing provider is logged, never turned into an error answer.
      status = 503;
      const again = await remote.request('POST', '/api/v1/account/phone', { cookie, body: { phone: '+447400200501' } });
      expect(again.statusCode).toBe(202);
      await remote.platform.sms.drain();
      expect(received).toHaveLength(2);
    } finally {
      await remote.close();
      // fetch keeps its connection alive; close it rather than wait for the idle timeout.
      provider.closeAllConnections();
      await new Promise((resolve) => provider.close(resolve));
    }
  });

  it('logs the recipient only, never the message (it carries the code)', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const sender = createHttpSmsSender(new URL('http://127.0.0.1:9/unreachable'), 'secret-key', log);
    sender.enqueue({ to: '+447700900600', body: 'Your code is 987654.' });
    await sender.drain();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('+447700900600');
    expect(lines[0]).not.toContain('987654');
    expect(lines[0]).not.toContain('secret-key');
  });

  it('refuses to start with a provider URL but no API key, naming the variable', () => {
    expect(() => loadConfig({ SMS_PROVIDER_URL: 'https://sms.example.com/send' })).toThrow(/SMS_API_KEY/);
    expect(() => loadConfig({ SMS_PROVIDER_URL: 'ftp://sms.example.com', SMS_API_KEY: 'k' })).toThrow(/SMS_PROVIDER_URL/);
    expect(loadConfig({}).sms).toBeUndefined();
  });
});
