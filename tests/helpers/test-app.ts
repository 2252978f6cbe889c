/**
 * One helper builds the whole app for a test, with a movable clock, the dev outbox and a
 * fresh database, and offers the steps most tests start from: createUser(), signIn().
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createPlatform, type Platform } from '../../src/server/platform/platform.js';
import type { SentMail } from '../../src/server/platform/mail.js';
import { createTestClock, type TestClock } from './test-clock.js';
import { openDatabase } from '../../src/server/platform/db.js';
import { createTestDatabase, testRedisUrl } from './test-database.js';

export const PUBLIC_URL = 'http://localhost:3000';
export const ORIGIN = new URL(PUBLIC_URL).origin;
export const STRONG_PASSWORD = 'correct horse battery staple';
export const OTHER_STRONG_PASSWORD = 'violet tractor umbrella 1987';

const GENEROUS = '1000/60';

export interface RequestOptions {
  body?: unknown;
  /** Raw payload, sent as is (malformed JSON tests). */
  rawBody?: string;
  cookie?: string;
  bearer?: string;
  headers?: Record<string, string>;
  /** Origin header; defaults to the app's own origin when a cookie is sent; null sends none. */
  origin?: string | null;
  /** The client's address (the TCP peer); defaults to light-my-request's 127.0.0.1. */
  ip?: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: 'freelancer' | 'client';
}

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  config: Config;
  clock: TestClock;
  /** The PostgreSQL database of this app (undefined on PGlite); another app can share it. */
  databaseUrl: string | undefined;
  request(method: string, url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  /** Mail delivered so far, newest first. */
  mail(): Promise<readonly SentMail[]>;
  /** The newest mail to an address, or undefined. */
  lastMailTo(email: string): Promise<SentMail | undefined>;
  /** The token in the newest link of `path` mailed to `email`. */
  tokenFromMail(email: string, path: string): Promise<string>;
  createUser(options?: Partial<TestUser> & { verified?: boolean }): Promise<TestUser>;
  signIn(user: Pick<TestUser, 'email' | 'password'>, options?: { rememberMe?: boolean }): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** Apps sharing a PostgreSQL database share one clock, as servers share the time of day. */
const sharedClocks = new Map<string, TestClock>();

/** Extracts `name=value` of the session cookie from a response. */
export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name.endsWith('wg_session') && c.value);
  return cookie ? `${cookie.name}=${cookie.value}` : undefined;
}

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    redis?: boolean;
    /** Open this PostgreSQL database (another app's `databaseUrl`) instead of a fresh one; it is not dropped on close. */
    databaseUrl?: string;
    /** Serve the web app from this folder (a built dist/web, or a stand-in index.html). */
    webRoot?: string;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL,
    RATE_LIMIT_SIGNUP: GENEROUS,
    RATE_LIMIT_LOGIN: GENEROUS,
    RATE_LIMIT_TOKEN: GENEROUS,
    RATE_LIMIT_RESEND: GENEROUS,
    RATE_LIMIT_FORGOT: GENEROUS,
    RATE_LIMIT_VERIFY: GENEROUS,
    RATE_LIMIT_RESET: GENEROUS,
    RATE_LIMIT_PASSKEY_OPTIONS: GENEROUS,
    RATE_LIMIT_SUPPORT: GENEROUS,
    RATE_LIMIT_PROVIDER: GENEROUS,
    LOGIN_FAILURES_PER_IP: GENEROUS,
    LOGIN_FAILURES_GLOBAL: GENEROUS,
    // Tests sign in from made-up addresses all the time; the mailed code for a new device is
    // pinned down by tests/security/password-from-a-new-device.test.ts, which turns it on.
    SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES: 'false',
    ...(options.redis && testRedisUrl ? { REDIS_URL: testRedisUrl } : {}),
    ...options.env,
  });
  const database = options.databaseUrl
    ? { handle: await openDatabase({ url: options.databaseUrl, poolSize: 4 }), url: options.databaseUrl, drop: async () => {} }
    : await createTestDatabase();
  const clock = (options.databaseUrl && sharedClocks.get(options.databaseUrl)) || createTestClock();
  if (database.url && !options.databaseUrl) sharedClocks.set(database.url, clock);
  const platform = await createPlatform(config, { clock, database: database.handle, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  const app = await buildApp(platform, options.webRoot ? { webRoot: options.webRoot } : {});
  await app.ready();

  // Events a request published are delivered before the test goes on, as the in-memory mail
  // of old was sent at once: mail then arrives in the order of the requests that caused it.
  const request: TestApp['request'] = async (method, url, o = {}) => {
    const response = await inject(method, url, o);
    await platform.events.drain();
    return response;
  };
  const inject: TestApp['request'] = (method, url, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.cookie) headers.cookie = o.cookie;
    if (o.bearer !== undefined) headers.authorization = `Bearer ${o.bearer}`;
    const origin = o.origin === undefined ? (o.cookie ? ORIGIN : undefined) : o.origin;
    if (origin) headers.origin = origin;
    const peer = o.ip ? { remoteAddress: o.ip } : {};
    if (o.rawBody !== undefined) {
      headers['content-type'] ??= 'application/json';
      return app.inject({ method: method as 'GET', url, headers, payload: o.rawBody, ...peer });
    }
    return app.inject({ method: method as 'GET', url, headers, ...peer, ...(o.body !== undefined ? { payload: o.body as object } : {}) });
  };

  const mail = async () => {
    await platform.mailer.drain();
    return platform.mailer.outbox();
  };
  const lastMailTo = async (email: string) => (await mail()).find((m) => m.to === email.toLowerCase());
  // The newest mail to the address that carries such a link: mails queued together may be sent
  // together, so another notice to the same address can land just after the one with the link.
  const tokenFromMail = async (email: string, path: string) => {
    const link = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`);
    const message = (await mail()).find((m) => m.to === email.toLowerCase() && link.test(m.text));
    const match = message && link.exec(message.text);
    if (!match?.[1]) throw new Error(`no ${path} link mailed to ${email}`);
    return match[1];
  };

  const testApp: TestApp = {
    app,
    platform,
    config,
    clock,
    databaseUrl: database.url,
    request,
    mail,
    lastMailTo,
    tokenFromMail,
    async createUser(o = {}) {
      counter += 1;
      const user = {
        email: o.email ?? `user${counter}-${Date.now()}@example.com`,
        password: o.password ?? STRONG_PASSWORD,
        name: o.name ?? `Test User ${counter}`,
        role: o.role ?? 'freelancer',
      };
      const signup = await request('POST', '/api/v1/auth/signup', { body: user });
      if (signup.statusCode !== 202) throw new Error(`signup failed: ${signup.body}`);
      const token = await tokenFromMail(user.email, '/verify-email');
      let id: string;
      if (o.verified === false) {
        const row = await platform.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, user.email.toLowerCase()) });
        id = row!.id;
      } else {
        const verified = await request('POST', '/api/v1/auth/email/verify', { body: { token } });
        if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.body}`);
        id = verified.json().user.id;
      }
      return { id, ...user, email: user.email.toLowerCase() };
    },
    async signIn(user, o = {}) {
      const response = await request('POST', '/api/v1/auth/login', {
        body: { email: user.email, password: user.password, ...(o.rememberMe ? { rememberMe: true } : {}) },
      });
      const cookie = sessionCookieOf(response);
      if (response.statusCode !== 200 || !cookie) throw new Error(`login failed: ${response.body}`);
      return cookie;
    },
    async close() {
      await app.close();
      await platform.close();
      await database.drop();
      if (!options.databaseUrl && database.url) sharedClocks.delete(database.url);
    },
  };
  return testApp;
}
