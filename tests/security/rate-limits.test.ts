/**
 * Online guessing, sign-up spam and mail bombing.
 *
 * Requirement (issue 2, "Rules the tests must pin down"): a per-IP limit on sign-up, login,
 * token, resend and forgot (configurable, sane defaults), answered 429 rate_limited with
 * Retry-After, kept in the `kv` adapter; client IPs come from X-Forwarded-For only when
 * TRUST_PROXY is set. Issue 2, API table: resend and forgot answer 202 always. NIST SP
 * 800-63B §5.2.2 (rate limiting); RFC 9110 §10.2.3 (Retry-After in seconds). Mail to one
 * address is capped at 5 an hour whoever asks, so the app cannot be used to flood a mailbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, sessionCookieOf, STRONG_PASSWORD, type TestApp, type TestUser } from '../helpers/test-app.js';
import { HOUR, MINUTE } from '../helpers/test-clock.js';

interface From {
  /** The TCP peer address. */
  ip?: string;
  /** An X-Forwarded-For header, as a client or a proxy would set it. */
  forwardedFor?: string;
}

function post(app: TestApp, url: string, body: unknown, from: From = {}): Promise<LightMyRequestResponse> {
  return app.app.inject({
    method: 'POST',
    url,
    payload: body as object,
    remoteAddress: from.ip ?? '192.0.2.1',
    headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
  });
}

function expectRateLimited(response: LightMyRequestResponse, windowSeconds: number): number {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status: 429, code: 'rate_limited' });
  const retryAfter = String(response.headers['retry-after']);
  // Retry-After is delay-seconds: a bare non-negative integer; here it must be useful (> 0)
  // and no longer than the window itself.
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  return seconds;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}@example.com`;

interface LimitedAction {
  name: string;
  env: string;
  max: number;
  windowSeconds: number;
  url: string;
  body: () => Record<string, unknown>;
  /** What an allowed request answers. */
  allowedStatus: number;
}

const ACTIONS: LimitedAction[] = [
  {
    name: 'sign-up',
    env: 'RATE_LIMIT_SIGNUP',
    max: 2,
    windowSeconds: 120,
    url: '/api/v1/auth/signup',
    body: () => ({ email: unique('rl-signup'), password: STRONG_PASSWORD, name: 'Spammer', role: 'client' }),
    allowedStatus: 202,
  },
  {
    name: 'login',
    env: 'RATE_LIMIT_LOGIN',
    max: 3,
    windowSeconds: 60,
    url: '/api/v1/auth/login',
    // A new address each time: guesses at one account would hit its lockout (tests/security/lockout.test.ts) first.
    body: () => ({ email: unique('guess-target'), password: `guess number ${++counter} here` }),
    allowedStatus: 401,
  },
  {
    name: 'token',
    env: 'RATE_LIMIT_TOKEN',
    max: 3,
    windowSeconds: 30,
    url: '/api/v1/auth/token',
    // A new address each time: guesses at one account would hit its lockout (tests/security/lockout.test.ts) first.
    body: () => ({ email: unique('guess-target'), password: `guess number ${++counter} here` }),
    allowedStatus: 401,
  },
  {
    name: 'resend',
    env: 'RATE_LIMIT_RESEND',
    max: 2,
    windowSeconds: 600,
    url: '/api/v1/auth/email/resend',
    body: () => ({ email: unique('rl-resend') }),
    allowedStatus: 202,
  },
  {
    name: 'forgot',
    env: 'RATE_LIMIT_FORGOT',
    max: 2,
    windowSeconds: 900,
    url: '/api/v1/auth/password/forgot',
    body: () => ({ email: unique('rl-forgot') }),
    allowedStatus: 202,
  },
];

describe('per-IP limits (X-Forwarded-For not trusted, the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    const env: Record<string, string> = {};
    for (const action of ACTIONS) env[action.env] = `${action.max}/${action.windowSeconds}`;
    t = await createTestApp({ env });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(ACTIONS.map((a, i) => [a.name, a, i] as const))(
    '%s: 429 with Retry-After once the budget is spent, per IP, until the window ends',
    async (_name, action, index) => {
      const attacker = `203.0.113.${10 + index}`;
      const bystander = `198.51.100.${10 + index}`;
      for (let i = 0; i < action.max; i++) {
        const allowed = await post(t, action.url, action.body(), { ip: attacker });
        expect(allowed.statusCode, `request ${i + 1}`).toBe(action.allowedStatus);
      }
      const retryAfter = expectRateLimited(await post(t, action.url, action.body(), { ip: attacker }), action.windowSeconds);

      // Claiming another address in X-Forwarded-For does not buy a new budget.
      for (const forwardedFor of ['10.9.8.7', '198.51.100.250, 10.0.0.1']) {
        expectRateLimited(await post(t, action.url, action.body(), { ip: attacker, forwardedFor }), action.windowSeconds);
      }
      // Another client is not affected by the attacker's spending.
      expect((await post(t, action.url, action.body(), { ip: bystander })).statusCode).toBe(action.allowedStatus);

      // One second before the announced time the window is still closed…
      t.clock.advance((retryAfter - 1) * 1000);
      const stillClosed = await post(t, action.url, action.body(), { ip: attacker });
      expect(stillClosed.statusCode).toBe(429);
      expect(Number(stillClosed.headers['retry-after'])).toBeLessThanOrEqual(1);
      // …and after it, it has reopened with a full budget.
      t.clock.advance(1000 + 1);
      for (let i = 0; i < action.max; i++) {
        expect((await post(t, action.url, action.body(), { ip: attacker })).statusCode).toBe(action.allowedStatus);
      }
      expect((await post(t, action.url, action.body(), { ip: attacker })).statusCode).toBe(429);
    },
  );

  it('a rate-limited login is refused even with the right password, and sets no cookie', async () => {
    const user = await t.createUser();
    const ip = '203.0.113.99';
    for (let i = 0; i < 3; i++) {
      expect((await post(t, '/api/v1/auth/login', { email: user.email, password: `wrong guess ${i} xyz` }, { ip })).statusCode).toBe(401);
    }
    const right = await post(t, '/api/v1/auth/login', { email: user.email, password: user.password }, { ip });
    expectRateLimited(right, 60);
    expect(sessionCookieOf(right)).toBeUndefined();
    expect(right.json().user).toBeUndefined();
  });

  it('counts IPv6 clients per /64: rotating addresses inside one network shares one budget', async () => {
    const forgot = ACTIONS.find((action) => action.url === '/api/v1/auth/password/forgot')!;
    for (let i = 1; i <= forgot.max; i++) {
      expect((await post(t, forgot.url, forgot.body(), { ip: `2001:db8:42:1::${i}` })).statusCode).toBe(202);
    }
    expectRateLimited(await post(t, forgot.url, forgot.body(), { ip: '2001:db8:42:1:ffff:ffff:ffff:1' }), forgot.windowSeconds);
    // The next /64 is another subscriber.
    expect((await post(t, forgot.url, forgot.body(), { ip: '2001:db8:42:2::1' })).statusCode).toBe(202);
  });
});

describe('per-IP limits behind a trusted proxy (TRUST_PROXY=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'true', RATE_LIMIT_LOGIN: '2/60', RATE_LIMIT_FORGOT: '2/60' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const proxy = '10.0.0.1';
  const login = (forwardedFor: string, ip = proxy) =>
    post(t, '/api/v1/auth/login', { email: 'someone@example.com', password: 'not the password 123' }, { ip, forwardedFor });

  it('the limit follows the X-Forwarded-For client, not the proxy', async () => {
    expect((await login('198.51.100.1')).statusCode).toBe(401);
    expect((await login('198.51.100.1')).statusCode).toBe(401);
    expectRateLimited(await login('198.51.100.1'), 60);
    // Every other client behind the same proxy keeps its own budget.
    expect((await login('198.51.100.2')).statusCode).toBe(401);
    expect((await login('198.51.100.2')).statusCode).toBe(401);
    expectRateLimited(await login('198.51.100.2'), 60);
    expect((await login('198.51.100.3')).statusCode).toBe(401);
    // The spent client stays limited whichever proxy instance forwards it.
    expectRateLimited(await login('198.51.100.1', '10.0.0.2'), 60);
  });

  it('forgot-password is counted per forwarded client too', async () => {
    const forgot = (forwardedFor: string) =>
      post(t, '/api/v1/auth/password/forgot', { email: unique('proxy-forgot') }, { ip: proxy, forwardedFor });
    expect((await forgot('198.51.100.20')).statusCode).toBe(202);
    expect((await forgot('198.51.100.20')).statusCode).toBe(202);
    expectRateLimited(await forgot('198.51.100.20'), 60);
    expect((await forgot('198.51.100.21')).statusCode).toBe(202);
  });
});

describe('mail to one address: at most 5 an hour, whoever asks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** The same address as an attacker might vary it: case and surrounding spaces. */
  const variants = (email: string) => [email, email.toUpperCase(), `  ${email} `, email.replace(/^./, (c) => c.toUpperCase())];

  async function mailsTo(email: string, linkPath: string): Promise<number> {
    return (await t.mail()).filter((m) => m.to === email && m.text.includes(`${linkPath}?token=`)).length;
  }

  it('resend sends at most 5 verification mails an hour, across IPs, always answering 202', async () => {
    const user = await t.createUser({ verified: false });
    expect(await mailsTo(user.email, '/verify-email')).toBe(1);
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const email = variants(user.email)[i % 4];
      const response = await post(t, '/api/v1/auth/email/resend', { email }, { ip: `203.0.113.${100 + i}` });
      expect(response.statusCode).toBe(202);
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
    // The sign-up mail counts too: 1 + 4 resends, the other 6 requests send nothing.
    expect(await mailsTo(user.email, '/verify-email')).toBe(5);

    t.clock.advance(HOUR + MINUTE);
    expect((await post(t, '/api/v1/auth/email/resend', { email: user.email }, { ip: '203.0.113.200' })).statusCode).toBe(202);
    expect(await mailsTo(user.email, '/verify-email')).toBe(6);
  });

  it('forgot sends at most 5 reset mails an hour, across IPs, always answering 202', async () => {
    const user: TestUser = await t.createUser();
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const email = variants(user.email)[i % 4];
      const response = await post(t, '/api/v1/auth/password/forgot', { email }, { ip: `198.51.100.${100 + i}` });
      expect(response.statusCode).toBe(202);
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
    expect(await mailsTo(user.email, '/reset-password')).toBe(5);

    t.clock.advance(HOUR + MINUTE);
    expect((await post(t, '/api/v1/auth/password/forgot', { email: user.email }, { ip: '198.51.100.200' })).statusCode).toBe(202);
    expect(await mailsTo(user.email, '/reset-password')).toBe(6);
  });

  it('repeated sign-ups for a registered address mail its owner at most 5 times an hour', async () => {
    const user = await t.createUser();
    const before = (await t.mail()).filter((m) => m.to === user.email).length;
    for (let i = 0; i < 8; i++) {
      const body = { email: user.email, password: STRONG_PASSWORD, name: 'Someone Else', role: 'client' };
      expect((await post(t, '/api/v1/auth/signup', body, { ip: `192.0.2.${100 + i}` })).statusCode).toBe(202);
    }
    const notices = (await t.mail()).filter((m) => m.to === user.email).length - before;
    // The verification mail of createUser() already used one of the hour's five.
    expect(before).toBe(1);
    expect(notices).toBe(4);
  });
});
