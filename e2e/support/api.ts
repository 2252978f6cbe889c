/**
 * Set-up through the JSON API, as a test helper builds state without clicking through the
 * flows that are not under test: sign up, read the mail outbox, verify, sign a browser in.
 * Every unsafe request sends the Origin header the server's CSRF check expects.
 */
import { expect, type APIRequestContext, type BrowserContext } from '@playwright/test';
import * as OTPAuth from 'otpauth';

/**
 * The server's origin, as playwright.config.ts computes it (importing the config here would
 * run its set-up, such as making a data directory, again in every worker).
 */
export const E2E_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3999}`;

export type Role = 'freelancer' | 'client';

/** Passwords the server's policy accepts (also used by the API tests). */
export const PASSWORD = 'correct horse battery staple';
export const NEW_PASSWORD = 'violet tractor umbrella 1987';

/** The session cookie's name on plain-http localhost (`__Host-wg_session` over HTTPS). */
export const SESSION_COOKIE = 'wg_session';

/** Headers for an unsafe API request from this site. */
export const SAME_ORIGIN = { origin: E2E_ORIGIN } as const;

export interface TestUser {
  name: string;
  email: string;
  password: string;
  role: Role;
}

/** One mail of the dev outbox (GET /dev/mail.json). */
export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** An address no other test uses: specs run in parallel against one server. */
export function uniqueEmail(tag: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `${tag}-${suffix}@example.com`;
}

/** A person's details for a new account; nothing is sent. */
export function newUserDetails(options: { role?: Role; tag?: string; name?: string } = {}): TestUser {
  const role = options.role ?? 'freelancer';
  return {
    name: options.name ?? (role === 'freelancer' ? 'Ada Freelancer' : 'Grace Client'),
    email: uniqueEmail(options.tag ?? role),
    password: PASSWORD,
    role,
  };
}

/** POST with the same-origin header, expecting `status`; answers the parsed body. */
export async function postJSON(request: APIRequestContext, path: string, data: unknown, status: number): Promise<unknown> {
  const response = await request.post(`/api/v1${path}`, { data, headers: SAME_ORIGIN });
  expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(status);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/**
 * The newest mail to `email` (optionally with a subject containing `subject`), waiting for
 * it: mail is queued, so it may arrive just after the API has answered.
 */
export async function mailTo(
  request: APIRequestContext,
  email: string,
  options: { subject?: string; after?: OutboxMail } = {},
): Promise<OutboxMail> {
  let found: OutboxMail | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get('/dev/mail.json');
        const { mail } = (await response.json()) as { mail: OutboxMail[] };
        // Newest first.
        found = mail.find(
          (item) =>
            item.to === email.toLowerCase() &&
            (options.subject === undefined || item.subject.includes(options.subject)) &&
            (options.after === undefined || item.id > options.after.id),
        );
        return found !== undefined;
      },
      { message: `mail to ${email}${options.subject ? ` about "${options.subject}"` : ''}`, timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

/** The link in `mail` to `path` on this site, as a path with its query (for page.goto). */
export function linkFrom(mail: OutboxMail, path: string): string {
  const match = mail.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === path);
  if (!match) throw new Error(`no link to ${path} in mail "${mail.subject}":\n${mail.text}`);
  const url = new URL(match);
  expect(url.origin, 'links in mail point at this site').toBe(E2E_ORIGIN);
  return `${url.pathname}${url.search}`;
}

/** The token of a single-use link. */
export function tokenOf(link: string): string {
  const token = new URL(link, E2E_ORIGIN).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Signs up through the API; the account is unverified until its link is used. */
export async function signUpUser(request: APIRequestContext, user: TestUser): Promise<void> {
  await postJSON(request, '/auth/signup', user, 202);
}

/** The verification link mailed to `user`. */
export async function verificationLinkFor(request: APIRequestContext, user: Pick<TestUser, 'email'>): Promise<string> {
  return linkFrom(await mailTo(request, user.email, { subject: 'Confirm your email' }), '/verify-email');
}

/**
 * A verified account with no session left behind: verifying signs the request context in,
 * so it logs out again and session lists start empty.
 */
export async function createVerifiedUser(
  request: APIRequestContext,
  options: { role?: Role; tag?: string; name?: string } = {},
): Promise<TestUser> {
  const user = newUserDetails(options);
  await signUpUser(request, user);
  const token = tokenOf(await verificationLinkFor(request, user));
  await postJSON(request, '/auth/email/verify', { token }, 200);
  const logout = await request.post('/api/v1/auth/logout', { headers: SAME_ORIGIN });
  expect(logout.status()).toBe(204);
  return user;
}

/**
 * Signs a browser context in through the API: context.request shares the context's
 * cookie jar, so its pages are signed in too.
 */
export async function signInContext(context: BrowserContext, user: TestUser, options: { rememberMe?: boolean } = {}): Promise<void> {
  const before = await newestMailId(context.request);
  const answer = (await postJSON(
    context.request,
    '/auth/login',
    { email: user.email, password: user.password, rememberMe: options.rememberMe ?? false },
    200,
  )) as { reason?: string; challenge?: string };
  // An account that never signed in from this machine's network is asked for a mailed code.
  if (answer.reason === 'new_device') {
    const mail = await mailTo(context.request, user.email, { subject: 'code', ...(before ? { after: before } : {}) });
    const code = /\b(\d{6})\b/.exec(mail.text)![1];
    await postJSON(context.request, '/auth/login/mfa', { challenge: answer.challenge, method: 'email_code', code }, 200);
  }
}

/** The newest mail in the outbox, to wait for one sent after it. */
async function newestMailId(request: APIRequestContext): Promise<OutboxMail | undefined> {
  const { mail } = (await (await request.get('/dev/mail.json')).json()) as { mail: OutboxMail[] };
  return mail[0];
}

/** The context's session cookie, if it has one. */
export async function sessionCookieOf(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** A code from an authenticator app holding `secret`, at `timestamp` (default: now). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });
}

/**
 * A code of the next 30-second step, answered once that step has begun: the server refuses a
 * step it has already accepted (no replay) and a step still to come (a code lives at most its
 * own step and the next), so a second code needs the next step to start. Waits up to 30 s.
 */
export async function nextTotpCode(secret: string): Promise<string> {
  const nextStep = (Math.floor(Date.now() / 30_000) + 1) * 30_000;
  await new Promise((resolve) => setTimeout(resolve, nextStep - Date.now() + 250));
  return totpCode(secret);
}

/**
 * Turns on an authenticator app for the signed-in `request` context through the API; answers
 * the secret and the recovery codes. The confirming code used the current step.
 */
export async function enableTotp(request: APIRequestContext): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = (await postJSON(request, '/account/mfa/totp', undefined, 200)) as { secret: string };
  const { recoveryCodes } = (await postJSON(request, '/account/mfa/totp/confirm', { code: totpCode(secret) }, 200)) as {
    recoveryCodes: string[];
  };
  return { secret, recoveryCodes };
}

/** One text message of the dev SMS outbox (GET /dev/sms.json). */
export interface OutboxSms {
  id: number;
  to: string;
  body: string;
  sentAt: string;
}

/** The newest text message to `phone` (E.164), newer than `after`, waiting for it. */
export async function smsTo(request: APIRequestContext, phone: string, options: { after?: OutboxSms } = {}): Promise<OutboxSms> {
  let found: OutboxSms | undefined;
  await expect
    .poll(
      async () => {
        const { sms } = (await (await request.get('/dev/sms.json')).json()) as { sms: OutboxSms[] };
        found = sms.find((item) => item.to === phone && (options.after === undefined || item.id > options.after.id));
        return found !== undefined;
      },
      { message: `text message to ${phone}`, timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

/** The six-digit code in a mail's or a text message's text. */
export function codeIn(text: string): string {
  const code = text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in:\n${text}`);
  return code;
}

/** An admin for the console: an authenticator app (the console wants a second factor) and the role. */
export interface TestAdmin extends TestUser {
  totpSecret: string;
}

/**
 * Makes the first admin of a run. There is no API for that on purpose (the role is granted
 * from the command line or by another admin), and the CLI cannot open the run's embedded
 * database while the server holds it; so the run's server must offer a start-up way.
 */
/** The admin account that scripts/e2e-seed.ts creates before the server starts. */
export const E2E_ADMIN: TestUser = {
  name: 'Ada Admin',
  email: process.env.E2E_ADMIN_EMAIL ?? 'e2e-admin@example.com',
  password: process.env.E2E_ADMIN_PASSWORD ?? PASSWORD,
  role: 'client',
};

/** The second seeded admin, for the spec that signs every account out after all others ran. */
export const E2E_LAST_ADMIN: TestUser = {
  name: 'Lin Admin',
  email: process.env.E2E_LAST_ADMIN_EMAIL ?? 'e2e-admin-last@example.com',
  password: process.env.E2E_ADMIN_PASSWORD ?? PASSWORD,
  role: 'client',
};

/**
 * Signs `context` in as the seeded admin (`account: 'last'`: the second one) through the API and
 * turns on an authenticator app in that session (which stays freshly authenticated for the
 * console's 10 minutes). Each seeded admin can be made so once per run.
 */
export async function createAdminUser(context: BrowserContext, options: { name?: string; account?: 'last' } = {}): Promise<TestAdmin> {
  const user = options.account === 'last' ? E2E_LAST_ADMIN : E2E_ADMIN;
  await signInContext(context, user);
  const { secret } = await enableTotp(context.request);
  return { ...user, totpSecret: secret };
}
