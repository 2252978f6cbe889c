/**
 * Account enumeration: learning whether an address has an account by asking the API.
 *
 * Requirement (issue 2, API table): sign-up, resend and forgot-password answer 202 always,
 * also when the email is taken; login answers 401 invalid_credentials with the same body and
 * the same hashing work for unknown email and wrong password; email_unverified only after a
 * correct password. ARCHITECTURE.md, "Authentication design": answers never tell whether an
 * email is registered. OWASP Authentication Cheat Sheet, "Authentication and Error Messages";
 * NIST SP 800-63B §5.2.2 (no account-existence oracle through error messages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { PasswordHasher } from '../../src/server/platform/password-hasher.js';
import { createTestApp, STRONG_PASSWORD, type TestApp, type TestUser } from '../helpers/test-app.js';

let t: TestApp;
let verified: TestUser;
let unverified: TestUser;
const UNKNOWN = 'nobody-at-all@example.com';

beforeAll(async () => {
  t = await createTestApp();
  verified = await t.createUser();
  unverified = await t.createUser({ verified: false });
});
afterAll(async () => {
  await t.close();
});

/**
 * What an observer sees of an answer: status, every header, and the exact body bytes. Left out
 * are the fields that differ from one request to the next whatever the address: Date, the
 * random X-Request-Id, and what is left of the IP's rate-limit budget (RateLimit counts down
 * with every request; its policy is compared).
 */
function observable(response: LightMyRequestResponse) {
  const { date: _date, 'x-request-id': _id, ratelimit: remaining, ...headers } = response.headers;
  // The budget's shape must match too: the policy name and a remaining count and a reset.
  if (remaining !== undefined) expect(String(remaining)).toMatch(/^"[a-z]+";r=\d+;t=\d+$/);
  return { status: response.statusCode, headers, body: response.body };
}

type Kind = 'registered' | 'unverified' | 'unknown';
const emailOf = (kind: Kind) => (kind === 'registered' ? verified.email : kind === 'unverified' ? unverified.email : UNKNOWN);

/** Asks the same thing about each kind of address; answers the three observable answers. */
async function askAboutEach(send: (email: string, kind: Kind) => Promise<LightMyRequestResponse>) {
  const answers: Record<Kind, ReturnType<typeof observable>> = {} as never;
  for (const kind of ['registered', 'unverified', 'unknown'] as const) answers[kind] = observable(await send(emailOf(kind), kind));
  return answers;
}

function expectIndistinguishable(answers: Record<Kind, ReturnType<typeof observable>>, status: number): void {
  expect(answers.registered.status).toBe(status);
  expect(answers.unverified).toEqual(answers.registered);
  expect(answers.unknown).toEqual(answers.registered);
}

describe('202 answers that do not tell whether an address is registered', () => {
  it('sign-up answers byte-identically for registered, unverified and unknown addresses', async () => {
    const answers = await askAboutEach((email) =>
      t.request('POST', '/api/v1/auth/signup', { body: { email, password: STRONG_PASSWORD, name: 'Prober', role: 'client' } }),
    );
    expectIndistinguishable(answers, 202);
    expect(JSON.parse(answers.unknown.body)).toEqual({ status: 'verification_sent' });
  });

  it('sign-up with a differently written registered address answers the same too', async () => {
    const plain = observable(
      await t.request('POST', '/api/v1/auth/signup', {
        body: { email: 'fresh-address@example.com', password: STRONG_PASSWORD, name: 'Prober', role: 'client' },
      }),
    );
    const shouted = observable(
      await t.request('POST', '/api/v1/auth/signup', {
        body: { email: `  ${verified.email.toUpperCase()} `, password: STRONG_PASSWORD, name: 'Prober', role: 'client' },
      }),
    );
    expect(shouted).toEqual(plain);
  });

  it('resend answers byte-identically for registered, unverified and unknown addresses', async () => {
    const answers = await askAboutEach((email) => t.request('POST', '/api/v1/auth/email/resend', { body: { email } }));
    expectIndistinguishable(answers, 202);
  });

  it('forgot-password answers byte-identically for registered, unverified and unknown addresses', async () => {
    const answers = await askAboutEach((email) => t.request('POST', '/api/v1/auth/password/forgot', { body: { email } }));
    expectIndistinguishable(answers, 202);
  });

  it('a weak password is refused the same way whether or not the address is registered', async () => {
    // Otherwise a taken address could answer 202 where a free one answers weak_password.
    const answers = await askAboutEach((email) =>
      t.request('POST', '/api/v1/auth/signup', { body: { email, password: 'password1234', name: 'Prober', role: 'client' } }),
    );
    expectIndistinguishable(answers, 400);
    expect(JSON.parse(answers.registered.body).code).toBe('weak_password');
  });
});

describe('login failures that do not tell whether an address is registered', () => {
  /** Counts argon2id verifications (real or dummy) while `run` runs. */
  async function countHashChecks(run: () => Promise<unknown>): Promise<number> {
    const original: PasswordHasher = t.platform.hasher;
    let checks = 0;
    t.platform.hasher = {
      ...original,
      verify: (stored, password) => {
        checks += 1;
        return original.verify(stored, password);
      },
      verifyDummy: (password) => {
        checks += 1;
        return original.verifyDummy(password);
      },
    };
    try {
      await run();
    } finally {
      t.platform.hasher = original;
    }
    return checks;
  }

  for (const route of ['/api/v1/auth/login', '/api/v1/auth/token'] as const) {
    it(`${route}: unknown email and wrong password give the identical 401`, async () => {
      const unknown = await t.request('POST', route, { body: { email: UNKNOWN, password: 'some guessed password 1' } });
      const wrong = await t.request('POST', route, { body: { email: verified.email, password: 'some guessed password 1' } });
      const wrongUnverified = await t.request('POST', route, { body: { email: unverified.email, password: 'some guessed password 1' } });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().code).toBe('invalid_credentials');
      expect(observable(wrong)).toEqual(observable(unknown));
      // An unverified account is not revealed by a wrong password either.
      expect(observable(wrongUnverified)).toEqual(observable(unknown));
      expect(unknown.cookies).toEqual([]);
    });

    it(`${route}: unknown email and wrong password cost the same hashing work`, async () => {
      const unknown = await countHashChecks(() =>
        t.request('POST', route, { body: { email: UNKNOWN, password: 'some guessed password 2' } }),
      );
      const wrong = await countHashChecks(() =>
        t.request('POST', route, { body: { email: verified.email, password: 'some guessed password 2' } }),
      );
      expect(unknown).toBe(1);
      expect(wrong).toBe(unknown);
    });
  }

  it('email_unverified is told only to someone who has just proven the password', async () => {
    const right = await t.request('POST', '/api/v1/auth/login', { body: { email: unverified.email, password: unverified.password } });
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('email_unverified');
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { email: unverified.email, password: `${unverified.password}x` } });
    expect(wrong.json().code).toBe('invalid_credentials');
  });
});
