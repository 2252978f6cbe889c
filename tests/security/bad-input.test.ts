/**
 * Hostile and malformed input: parser confusion, mass assignment, oversized bodies,
 * control and direction-override characters, and partial writes.
 *
 * Requirement (issue 2, "Rules the tests must pin down"): bad input gets a clear 4xx, never
 * a 500 and never a partial write: malformed JSON, wrong types, unknown fields, oversized
 * bodies (413), 10,000-character strings, NUL bytes, emoji and right-to-left text in names.
 * ARCHITECTURE.md, "API conventions": unknown body fields are rejected (no mass assignment);
 * errors are RFC 9457 application/problem+json with `code` and `errors: [{path, message}]`.
 * Unicode TR #36 §2.1 / CVE-2021-42574 ("Trojan Source"): bidi overrides can disguise a name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { users, userTokens } from '../../src/server/modules/accounts/accounts.table.js';
import { createTestApp, sessionCookieOf, STRONG_PASSWORD, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let bearer: string;
beforeAll(async () => {
  t = await createTestApp();
  const user = await t.createUser();
  const token = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
  bearer = token.json().token;
});
afterAll(async () => {
  await t.close();
});

interface RouteCase {
  url: string;
  /** A body of the right shape, from which each case changes one thing. */
  valid: Record<string, unknown>;
  strings: string[];
  booleans: string[];
  authenticated: boolean;
  /** The whole body may be left out; Fastify hands an absent body to the schema as null. */
  bodyOptional?: boolean;
}

const FAKE_TOKEN = 'A'.repeat(43);

/** Every POST route of issue 2 that takes a body. */
const ROUTES: RouteCase[] = [
  {
    url: '/api/v1/auth/signup',
    valid: { email: 'shape@example.com', password: STRONG_PASSWORD, name: 'Shape', role: 'client' },
    strings: ['email', 'password', 'name', 'role'],
    booleans: [],
    authenticated: false,
  },
  { url: '/api/v1/auth/email/verify', valid: { token: FAKE_TOKEN }, strings: ['token'], booleans: [], authenticated: false },
  { url: '/api/v1/auth/email/resend', valid: { email: 'shape@example.com' }, strings: ['email'], booleans: [], authenticated: false },
  {
    url: '/api/v1/auth/login',
    valid: { email: 'shape@example.com', password: STRONG_PASSWORD, rememberMe: false },
    strings: ['email', 'password'],
    booleans: ['rememberMe'],
    authenticated: false,
  },
  {
    url: '/api/v1/auth/token',
    valid: { email: 'shape@example.com', password: STRONG_PASSWORD },
    strings: ['email', 'password'],
    booleans: [],
    authenticated: false,
  },
  { url: '/api/v1/auth/password/forgot', valid: { email: 'shape@example.com' }, strings: ['email'], booleans: [], authenticated: false },
  {
    url: '/api/v1/auth/password/reset',
    valid: { token: FAKE_TOKEN, password: STRONG_PASSWORD },
    strings: ['token', 'password'],
    booleans: [],
    authenticated: false,
  },
  {
    url: '/api/v1/account/password',
    valid: { currentPassword: STRONG_PASSWORD, newPassword: 'a brand new passphrase 77' },
    strings: ['currentPassword', 'newPassword'],
    booleans: [],
    authenticated: true,
  },
  {
    url: '/api/v1/account/sessions/revoke-all',
    valid: { includeCurrent: false },
    strings: [],
    booleans: ['includeCurrent'],
    authenticated: true,
    bodyOptional: true,
  },
];
const routeTable = ROUTES.map((r) => [r.url, r] as const);

/** Sends a raw payload with a chosen content type (or none). */
function send(route: RouteCase, payload: string | Buffer, contentType: string | null): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (contentType !== null) headers['content-type'] = contentType;
  if (route.authenticated) headers.authorization = `Bearer ${bearer}`;
  return t.app.inject({ method: 'POST', url: route.url, headers, payload });
}

const sendJson = (route: RouteCase, body: unknown) => send(route, JSON.stringify(body), 'application/json');

function expectProblem(response: LightMyRequestResponse, status: number, code?: string): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json();
  expect(problem).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code: expect.any(String) });
  if (code) expect(problem.code).toBe(code);
  return problem;
}

/** A 4xx problem answer, never a 5xx. */
function expectClientError(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, response.body).toBeLessThan(500);
  expectProblem(response, response.statusCode);
}

function expectFieldError(response: LightMyRequestResponse, field: string): void {
  const problem = expectProblem(response, 400, 'validation_failed');
  const errors = problem.errors as Array<{ path: unknown; message: unknown }>;
  expect(Array.isArray(errors) && errors.length > 0).toBe(true);
  for (const error of errors) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
  }
  expect(errors.map((e) => e.path)).toContain(field);
}

/** What a refused request must not leave behind: users, link tokens, mail. */
async function snapshot() {
  const [u] = await t.platform.db.select({ n: count() }).from(users);
  const [k] = await t.platform.db.select({ n: count() }).from(userTokens);
  return { users: u!.n, tokens: k!.n, mail: (await t.mail()).length };
}

async function expectNoAccount(email: string): Promise<void> {
  // PostgreSQL text cannot hold NUL, so no row can either; the row count in snapshot() covers it.
  if (email.includes('\u0000')) return;
  const rows = await t.platform.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  expect(rows).toEqual([]);
}

describe.each(routeTable)('POST %s', (_url, route) => {
  it('malformed JSON is 400 invalid_json', async () => {
    for (const raw of ['{"email":', "{'email': 'a@example.com'}", '{"a":1}}', 'undefined', '{"a":1,}', '', '\u0000']) {
      expectProblem(await send(route, raw, 'application/json'), 400, 'invalid_json');
    }
  });

  it('a body that is not an object is 400 validation_failed', async () => {
    for (const raw of ['[]', '"text"', '42', 'true', ...(route.bodyOptional ? [] : ['null'])]) {
      expectProblem(await send(route, raw, 'application/json'), 400, 'validation_failed');
    }
  });

  it('wrong types where strings are expected are 400 validation_failed naming the field', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];
    for (const field of route.strings) {
      for (const value of [42, -1.5, ['a@example.com'], null, { $ne: '' }, true, deep]) {
        expectFieldError(await sendJson(route, { ...route.valid, [field]: value }), field);
      }
    }
  });

  it('wrong types where booleans are expected are 400 validation_failed naming the field', async () => {
    for (const field of route.booleans) {
      for (const value of ['true', 1, 0, null, [], {}]) {
        expectFieldError(await sendJson(route, { ...route.valid, [field]: value }), field);
      }
    }
  });

  it('unknown fields are 400 validation_failed (no mass assignment)', async () => {
    for (const extra of [{ isAdmin: true }, { emailVerified: true }, { userId: '00000000-0000-4000-8000-000000000000' }]) {
      expectProblem(await sendJson(route, { ...route.valid, ...extra }), 400, 'validation_failed');
    }
  });

  it('a prototype-pollution payload is refused', async () => {
    const raw = JSON.stringify(route.valid).replace(/^\{/, '{"__proto__":{"isAdmin":true,"emailVerified":true},');
    expectClientError(await send(route, raw, 'application/json'));
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('an oversized body is 413 payload_too_large', async () => {
    const raw = JSON.stringify({ ...route.valid, padding: 'x'.repeat(t.config.bodyLimitBytes + 1) });
    expectProblem(await send(route, raw, 'application/json'), 413, 'payload_too_large');
  });

  it('10,000-character strings are a 4xx, never a 500', async () => {
    for (const field of route.strings) {
      for (const value of ['a'.repeat(10_000), `${'a'.repeat(9_988)}@example.com`, '💥'.repeat(5_000)]) {
        expectClientError(await sendJson(route, { ...route.valid, [field]: value }));
      }
    }
  });

  it('NUL bytes in strings are 400, never a 500', async () => {
    for (const field of route.strings) {
      const base = String(route.valid[field]);
      for (const value of ['\u0000', `${base}\u0000`, `\u0000${base}`, base.replace(/^(.)/, '$1\u0000')]) {
        expectProblem(await sendJson(route, { ...route.valid, [field]: value }), 400);
      }
    }
  });

  it('a body that is not JSON is 415 unsupported_media_type', async () => {
    const json = JSON.stringify(route.valid);
    const cases: Array<[string | null, string]> = [
      // text/plain, forms and multipart are what a cross-site form can send without a preflight.
      ['text/plain', json],
      ['text/plain;charset=UTF-8', json],
      ['application/x-www-form-urlencoded', new URLSearchParams(route.valid as Record<string, string>).toString()],
      ['multipart/form-data; boundary=xyz', `--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n--xyz--\r\n`],
      ['application/xml', '<email>a@example.com</email>'],
      [null, json],
    ];
    for (const [contentType, payload] of cases) {
      const response = await send(route, payload, contentType);
      expect(response.statusCode, `${contentType}: ${response.body}`).toBe(415);
      expectProblem(response, 415, 'unsupported_media_type');
    }
  });
});

describe('sign-up never writes part of a refused request', () => {
  const signup = (body: unknown) => sendJson(ROUTES[0]!, body);
  const base = { password: STRONG_PASSWORD, name: 'Careful Person', role: 'freelancer' };

  it('mass assignment: extra fields create nothing, verified or admin', async () => {
    const attempts: Array<Record<string, unknown>> = [
      { email: 'mass1@example.com', ...base, emailVerified: true },
      { email: 'mass2@example.com', ...base, emailVerifiedAt: new Date().toISOString() },
      { email: 'mass3@example.com', ...base, role: 'admin' },
      { email: 'mass4@example.com', ...base, isAdmin: true },
      { email: 'mass5@example.com', ...base, id: '00000000-0000-4000-8000-000000000001' },
      { email: 'mass6@example.com', ...base, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB' },
      { email: 'mass7@example.com', ...base, createdAt: '2000-01-01T00:00:00.000Z' },
    ];
    for (const body of attempts) {
      const before = await snapshot();
      expectProblem(await signup(body), 400, 'validation_failed');
      expect(await snapshot()).toEqual(before);
      await expectNoAccount(String(body.email));
    }
  });

  it('each kind of refused sign-up leaves no user row, no link token and no mail', async () => {
    const refused: Array<Record<string, unknown>> = [
      { email: 'pw-null@example.com', ...base, password: null },
      { email: 'nul-name@example.com', ...base, name: 'Eve\u0000Admin' },
      { email: 'nul\u0000@example.com', ...base },
      { email: 'long-name@example.com', ...base, name: 'n'.repeat(10_000) },
      { email: 'long-pw@example.com', ...base, password: 'p'.repeat(10_000) },
      { email: `${'e'.repeat(10_000)}@example.com`, ...base },
      { email: 'weak@example.com', ...base, password: 'password1234' },
      { email: 'no-role@example.com', password: STRONG_PASSWORD, name: 'No Role' },
      { email: 'blank-name@example.com', ...base, name: '   ' },
    ];
    for (const body of refused) {
      const before = await snapshot();
      const response = await signup(body);
      expectClientError(response);
      expect(await snapshot()).toEqual(before);
      await expectNoAccount(String(body.email));
    }
  });

  it.each([
    ['U+202E right-to-left override', 'Ali\u202Egnp.exe'],
    ['U+202D left-to-right override', '\u202DJohn Smith'],
    ['U+202A left-to-right embedding', 'Mallory\u202A Admin'],
    ['U+202B right-to-left embedding', 'Mallory\u202B Admin'],
    ['U+2066 left-to-right isolate', 'Mallory\u2066 Admin\u2069'],
    ['U+2067 right-to-left isolate', '\u2067Mallory'],
    ['U+2068 first-strong isolate', 'Mall\u2068ory'],
  ])('a name with %s is refused and creates nothing', async (_label, name) => {
    const email = `bidi-${name.codePointAt(name.search(/[\u202a-\u202e\u2066-\u2069]/))!.toString(16)}@example.com`;
    const before = await snapshot();
    expectFieldError(await signup({ email, ...base, name }), 'name');
    expect(await snapshot()).toEqual(before);
    await expectNoAccount(email);
  });
});

describe('names in any script round-trip exactly', () => {
  it.each([
    ['emoji with skin tone and ZWJ', 'Zoë 👩🏽‍💻 Ōtsuka'],
    ['flag emoji', 'Ana María 🇵🇹'],
    ['Arabic', 'مريم العلي'],
    ['Hebrew', 'דוד לוי'],
    ['Arabic mixed with Latin and digits', 'Studio نور 2024'],
    ['Devanagari', 'अनन्या शर्मा'],
    ['decomposed accents (kept as sent, not normalized)', 'Zoe\u0308 Cafe\u0301'],
  ])('%s: sign-up, verify and GET /auth/session give the same name back', async (_label, name) => {
    const email = `name-${Buffer.from(name).toString('hex').slice(0, 24)}@example.com`;
    const response = await t.request('POST', '/api/v1/auth/signup', { body: { email, password: STRONG_PASSWORD, name, role: 'client' } });
    expect(response.statusCode, response.body).toBe(202);
    const token = await t.tokenFromMail(email, '/verify-email');
    const verified = await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.name).toBe(name);
    const cookie = sessionCookieOf(verified);
    const session = await t.request('GET', '/api/v1/auth/session', { cookie });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.name).toBe(name);
    const [row] = await t.platform.db.select().from(users).where(eq(users.email, email));
    expect(row?.name).toBe(name);
  });
});
