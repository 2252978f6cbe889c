/**
 * A code read off an authenticator app (shoulder-surfed, phished, seen on a screen share) must
 * stop working soon. ASVS 5.0 6.5.5: a time-based one-time password has a defined lifetime
 * before expiring; NIST SP 800-63B §5.1.4.2 and RFC 6238 §5.2 allow at most one step of
 * clock drift. Workgate accepts the current step's code and the previous step's (a code typed
 * just after it changed on the phone), never the next step's, so a code lives at most 60 s
 * instead of the 90 s a window of one step either way gives. Replay stays refused.
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';

const STEP = 30_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The code the app shows at `at`. */
const codeAt = (secret: string, at: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

/** Moves the clock to one second into the next step that starts at least a minute from now. */
function startOfAStep(): number {
  const later = t.clock.now().getTime() + MINUTE;
  const start = Math.ceil(later / STEP) * STEP + 1000;
  t.clock.set(new Date(start));
  return start;
}

async function userWithAuthenticator(): Promise<{ user: TestUser; secret: string }> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  const { secret } = (await t.request('POST', '/api/v1/account/mfa/totp', { cookie })).json();
  const confirm = await t.request('POST', '/api/v1/account/mfa/totp/confirm', { cookie, body: { code: codeAt(secret, t.clock.now().getTime()) } });
  expect(confirm.statusCode).toBe(200);
  return { user, secret };
}

/** Password step, then `code`: the second step's answer. */
async function secondStep(user: TestUser, code: string) {
  const first = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  expect(first.json().mfaRequired).toBe(true);
  return t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge: first.json().challenge, method: 'totp', code } });
}

describe('a code from an authenticator app', () => {
  it('still works during the next step (59 s after it appeared)', async () => {
    const { user, secret } = await userWithAuthenticator();
    const shown = startOfAStep();
    const code = codeAt(secret, shown);
    t.clock.set(new Date(shown + 58_000));
    expect((await secondStep(user, code)).statusCode).toBe(200);
  });

  it('stops working once two steps have begun after it (61 s after it appeared)', async () => {
    const { user, secret } = await userWithAuthenticator();
    const shown = startOfAStep();
    const code = codeAt(secret, shown);
    t.clock.set(new Date(shown + 60_000));
    const late = await secondStep(user, code);
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('invalid_code');
  });

  it("of the step still to come (an app whose clock runs 30 s fast, or a code read ahead) is refused", async () => {
    const { user, secret } = await userWithAuthenticator();
    const now = startOfAStep();
    const ahead = await secondStep(user, codeAt(secret, now + STEP));
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().code).toBe('invalid_code');
    // The current code still signs in: the refusal cost no more than the wrong answer.
    expect((await secondStep(user, codeAt(secret, now))).statusCode).toBe(200);
  });

  it('works once: the previous step is refused after the current step was used (replay)', async () => {
    const { user, secret } = await userWithAuthenticator();
    const now = startOfAStep();
    expect((await secondStep(user, codeAt(secret, now))).statusCode).toBe(200);
    expect((await secondStep(user, codeAt(secret, now))).json().code).toBe('invalid_code');
    expect((await secondStep(user, codeAt(secret, now - STEP))).json().code).toBe('invalid_code');
  });
});
