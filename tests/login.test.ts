/**
 * Password login for browsers (POST /auth/login) and native apps (POST /auth/token), as a
 * person and as an attacker probing for registered addresses see them.
 * Requirements: issue 2 (login and token rows; emails trimmed and case-insensitive; argon2id
 * m=19456,t=2,p=1 with rehash on login; new session id on every login), ARCHITECTURE.md
 * "Answers never tell whether an email is registered … the same 401 after the same work".
 */
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/server/modules/accounts/accounts.table.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from './helpers/test-app.js';
import { DAY } from './helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (body: Record<string, unknown>, options: { cookie?: string } = {}) =>
  t.request('POST', '/api/v1/auth/login', { body, ...options });
const tokenLogin = (body: Record<string, unknown>) => t.request('POST', '/api/v1/auth/token', { body });

async function storedHashOf(user: Pick<TestUser, 'id'>): Promise<string> {
  const row = await t.platform.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.id, user.id) });
  return row!.passwordHash!;
}

/** Counts argon2 work done while `action` runs: each verify/verifyDummy is one verification. */
async function countHashing(action: () => Promise<unknown>): Promise<{ verifications: number; hashes: number }> {
  const hasher = t.platform.hasher;
  const original = { verify: hasher.verify, verifyDummy: hasher.verifyDummy, hash: hasher.hash };
  const counts = { verifications: 0, hashes: 0 };
  hasher.verify = (storedHash, password) => {
    counts.verifications += 1;
    return original.verify(storedHash, password);
  };
  hasher.verifyDummy = (password) => {
    counts.verifications += 1;
    return original.verifyDummy(password);
  };
  hasher.hash = (password) => {
    counts.hashes += 1;
    return original.hash(password);
  };
  try {
    await action();
  } finally {
    Object.assign(hasher, original);
  }
  return counts;
}

function expectNoCookie(response: LightMyRequestResponse): void {
  expect(response.headers['set-cookie']).toBeUndefined();
}

describe('POST /auth/login', () => {
  it('answers 200 {user} with a session cookie that signs the browser in', async () => {
    const user = await t.createUser({ name: 'Login Person', role: 'client' });
    const response = await login({ email: user.email, password: user.password });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: { id: user.id, email: user.email, name: 'Login Person', role: 'client', emailVerified: true, createdAt: expect.any(String), isAdmin: false },
    });
    const cookie = sessionCookieOf(response);
    expect(cookie).toBeDefined();
    const session = await t.request('GET', '/api/v1/auth/session', { cookie });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(user.id);
  });

  it('answers the same 401 invalid_credentials, byte for byte, for an unknown email and a wrong password', async () => {
    const user = await t.createUser();
    const unknown = await login({ email: 'no-such-person@example.com', password: user.password });
    const wrong = await login({ email: user.email, password: 'not the right passphrase' });
    for (const response of [unknown, wrong]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('invalid_credentials');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectNoCookie(response);
    }
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(wrong.headers['content-length']).toBe(unknown.headers['content-length']);
  });

  it('spends exactly one argon2 verification for an unknown email and for a wrong password', async () => {
    const user = await t.createUser();
    const unknown = await countHashing(() => login({ email: 'ghost-account@example.com', password: user.password }));
    const wrong = await countHashing(() => login({ email: user.email, password: 'not the right passphrase' }));
    expect(unknown).toEqual({ verifications: 1, hashes: 0 });
    expect(wrong).toEqual({ verifications: 1, hashes: 0 });
    // The counting wrapper really sees the work: a correct login is one verification too.
    const right = await countHashing(async () => expect((await login({ email: user.email, password: user.password })).statusCode).toBe(200));
    expect(right).toEqual({ verifications: 1, hashes: 0 });
  });

  it('tells "email_unverified" only to someone who gave the correct password', async () => {
    const user = await t.createUser({ verified: false });
    const right = await login({ email: user.email, password: user.password });
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('email_unverified');
    expectNoCookie(right);

    const wrong = await login({ email: user.email, password: 'not the right passphrase' });
    const unknown = await login({ email: 'never-registered@example.com', password: 'not the right passphrase' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expectNoCookie(wrong);
    expect(await countHashing(() => login({ email: user.email, password: 'not the right passphrase' }))).toEqual({ verifications: 1, hashes: 0 });
  });

  it('compares the email case-insensitively after trimming it', async () => {
    const user = await t.createUser({ email: `Mixed.Case-${Date.now()}@Example.com` });
    const response = await login({ email: `  ${user.email.toUpperCase()}\t`, password: user.password });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.id).toBe(user.id);
    expect(sessionCookieOf(response)).toBeDefined();
  });

  it('does not trim or case-fold the password', async () => {
    const user = await t.createUser();
    expect((await login({ email: user.email, password: ` ${user.password} ` })).statusCode).toBe(401);
    expect((await login({ email: user.email, password: user.password.toUpperCase() })).statusCode).toBe(401);
  });

  it('creates a new session, with a new id and token, at every login', async () => {
    const user = await t.createUser();
    const first = await t.signIn(user);
    const firstSession = (await t.request('GET', '/api/v1/auth/session', { cookie: first })).json().session;
    // Logging in while presenting a live cookie must not keep (fixate) that session.
    const secondResponse = await login({ email: user.email, password: user.password }, { cookie: first });
    expect(secondResponse.statusCode).toBe(200);
    const second = sessionCookieOf(secondResponse)!;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);

    const secondSession = (await t.request('GET', '/api/v1/auth/session', { cookie: second })).json().session;
    expect(firstSession.id).toBeDefined();
    expect(secondSession.id).toBeDefined();
    expect(secondSession.id).not.toBe(firstSession.id);
    // The presented session ended with that login (tests/security/session-token-rotation.test.ts).
    expect((await t.request('GET', '/api/v1/auth/session', { cookie: first })).statusCode).toBe(401);
  });

  it('upgrades a hash made with older argon2 parameters at the next successful login, not after a failed one', async () => {
    const user = await t.createUser();
    const oldHash = await hash(user.password, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    await t.platform.db.update(users).set({ passwordHash: oldHash }).where(eq(users.id, user.id));

    expect((await login({ email: user.email, password: 'not the right passphrase' })).statusCode).toBe(401);
    expect(await storedHashOf(user)).toBe(oldHash);

    expect((await login({ email: user.email, password: user.password })).statusCode).toBe(200);
    const upgraded = await storedHashOf(user);
    expect(upgraded).not.toBe(oldHash);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // The upgraded hash still holds the same password, and is not rewritten again.
    expect((await login({ email: user.email, password: user.password })).statusCode).toBe(200);
    expect(await storedHashOf(user)).toBe(upgraded);
    expect((await login({ email: user.email, password: 'not the right passphrase' })).statusCode).toBe(401);
  });

  it('stores current hashes with m=19456, t=2, p=1', async () => {
    const user = await t.createUser();
    expect(await storedHashOf(user)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('POST /auth/token', () => {
  it('answers 200 {token, expiresAt, refreshToken, user} and sets no cookie', async () => {
    const user = await t.createUser({ name: 'Mobile Person' });
    const before = t.clock.now().getTime();
    const response = await tokenLogin({ email: user.email, password: user.password });
    expect(response.statusCode).toBe(200);
    expectNoCookie(response);
    const body = response.json();
    expect(body).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      // Added beside the fields apps already read (tests/security/refresh-token-reuse.test.ts).
      refreshToken: expect.any(String),
      user: { id: user.id, email: user.email, name: 'Mobile Person', role: 'freelancer', emailVerified: true, createdAt: expect.any(String), isAdmin: false },
    });
    expect(body.token.length).toBeGreaterThanOrEqual(43);
    // Native-app tokens live as long as a remembered session: 30 days.
    expect(new Date(body.expiresAt).getTime()).toBe(before + 30 * DAY);
  });

  it('the token works as Authorization: Bearer on /auth/session and /account/sessions', async () => {
    const user = await t.createUser();
    const { token } = (await tokenLogin({ email: user.email, password: user.password })).json();

    const session = await t.request('GET', '/api/v1/auth/session', { bearer: token });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.id).toBe(user.id);

    const list = await t.request('GET', '/api/v1/account/sessions', { bearer: token });
    expect(list.statusCode).toBe(200);
    const sessions = list.json().sessions;
    // The verification link signed a browser in too; the token's own session is the current one.
    const current = sessions.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ id: session.json().session.id, client: 'app', rememberMe: true });

    // A tampered token is refused.
    expect((await t.request('GET', '/api/v1/auth/session', { bearer: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).statusCode).toBe(401);
  });

  it('issues a different token at every call', async () => {
    const user = await t.createUser();
    const first = (await tokenLogin({ email: user.email, password: user.password })).json().token;
    const second = (await tokenLogin({ email: user.email, password: user.password })).json().token;
    expect(second).not.toBe(first);
    const a = (await t.request('GET', '/api/v1/auth/session', { bearer: first })).json().session.id;
    const b = (await t.request('GET', '/api/v1/auth/session', { bearer: second })).json().session.id;
    expect(a).not.toBe(b);
  });

  it('answers the same errors as login, after the same work', async () => {
    const user = await t.createUser();
    const unknown = await tokenLogin({ email: 'nobody-at-all@example.com', password: user.password });
    const wrong = await tokenLogin({ email: user.email, password: 'not the right passphrase' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('invalid_credentials');
    expect(wrong.body).toBe(unknown.body);
    // Same body as the browser login's refusal.
    expect(wrong.body).toBe((await login({ email: user.email, password: 'not the right passphrase' })).body);
    expect(await countHashing(() => tokenLogin({ email: 'nobody-at-all@example.com', password: 'x' }))).toEqual({ verifications: 1, hashes: 0 });
    expect(await countHashing(() => tokenLogin({ email: user.email, password: 'x' }))).toEqual({ verifications: 1, hashes: 0 });

    const unverified = await t.createUser({ verified: false });
    const right = await tokenLogin({ email: unverified.email, password: unverified.password });
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('email_unverified');
    expect(right.json().token).toBeUndefined();
    const wrongUnverified = await tokenLogin({ email: unverified.email, password: 'not the right passphrase' });
    expect(wrongUnverified.statusCode).toBe(401);
    expect(wrongUnverified.body).toBe(unknown.body);

    const trimmed = await tokenLogin({ email: `  ${user.email.toUpperCase()} `, password: user.password });
    expect(trimmed.statusCode).toBe(200);
  });
});
