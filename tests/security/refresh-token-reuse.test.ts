/**
 * Stolen app tokens. A native app's token answer carries a refresh token; trading it gives a
 * new access token (the old one stops working) and a new refresh token, and a refresh token
 * presented a second time ends the whole session (its token family), since two parties hold it.
 *
 * Requirements: ASVS 5.0 10.4.5 (refresh-token rotation; an already used refresh token revokes
 * the whole grant), ASVS 5.0 7.3.2 and NIST SP 800-63B §7.2 (an absolute session lifetime that
 * refreshing cannot extend), RFC 9700 §4.14.2 (refresh-token rotation), RFC 6749 §5.1
 * (Cache-Control: no-store on token answers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { DAY } from '../helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface TokenAnswer {
  token: string;
  refreshToken: string;
  expiresAt: string;
}

async function appSignIn(user: TestUser): Promise<TokenAnswer> {
  const response = await t.request('POST', '/api/v1/auth/token', { body: { email: user.email, password: user.password } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  return response.json();
}
const refresh = (refreshToken: string) => t.request('POST', '/api/v1/auth/token/refresh', { body: { refreshToken } });
const whoAmI = (token: string) => t.request('GET', '/api/v1/auth/session', { bearer: token });

describe('app token answers', () => {
  it('carry the access token, its expiry and a refresh token, and are not cached', async () => {
    const user = await t.createUser();
    const answer = await appSignIn(user);
    expect(answer.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.refreshToken).not.toBe(answer.token);
    expect(Date.parse(answer.expiresAt)).toBeGreaterThan(t.clock.now().getTime());
    expect((await whoAmI(answer.token)).statusCode).toBe(200);
  });

  it('browser sign-ins get no refresh token', async () => {
    const user = await t.createUser();
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().refreshToken).toBeUndefined();
  });
});

describe('refresh', () => {
  it('gives a new access token and refresh token; the old access token stops working', async () => {
    const user = await t.createUser();
    const first = await appSignIn(user);
    const renewed = await refresh(first.refreshToken);
    expect(renewed.statusCode).toBe(200);
    expect(renewed.headers['cache-control']).toBe('no-store');
    const next: TokenAnswer & { user: { id: string } } = renewed.json();
    expect(next.user.id).toBe(user.id);
    expect(next.token).not.toBe(first.token);
    expect(next.refreshToken).not.toBe(first.refreshToken);
    const old = await whoAmI(first.token);
    expect(old.statusCode).toBe(401);
    expect(old.headers['www-authenticate']).toContain('error="invalid_token"');
    expect((await whoAmI(next.token)).statusCode).toBe(200);
    // The chain goes on.
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
  });

  it('a used refresh token presented again ends the whole family: every token of the session stops', async () => {
    const user = await t.createUser();
    const first = await appSignIn(user);
    // The app refreshes; an attacker who copied the first refresh token tries it afterwards.
    const legit: TokenAnswer = (await refresh(first.refreshToken)).json();
    const stolen = await refresh(first.refreshToken);
    expect(stolen.statusCode).toBe(401);
    expect(stolen.json().code).toBe('invalid_refresh_token');
    expect((await whoAmI(legit.token)).statusCode).toBe(401);
    expect((await refresh(legit.refreshToken)).statusCode).toBe(401);
    // The owner can see why in their security activity.
    const cookie = await t.signIn(user);
    const events = (await t.request('GET', '/api/v1/account/activity?limit=100', { cookie })).json().events as {
      event: string;
      summary: Record<string, unknown>;
    }[];
    expect(events.some((e) => e.event === 'session_revoked' && e.summary.reason === 'refresh_token_reused')).toBe(true);
  });

  it('the attacker refreshing first does not help: the app\'s later use ends the family for both', async () => {
    const user = await t.createUser();
    const first = await appSignIn(user);
    const attacker: TokenAnswer = (await refresh(first.refreshToken)).json();
    expect((await refresh(first.refreshToken)).statusCode).toBe(401);
    expect((await whoAmI(attacker.token)).statusCode).toBe(401);
    expect((await refresh(attacker.refreshToken)).statusCode).toBe(401);
  });

  it('refuses unknown and malformed refresh tokens with one code, and a signed-out session', async () => {
    for (const refreshToken of ['A'.repeat(43), 'not a token', 'x']) {
      const refused = await refresh(refreshToken);
      expect(refused.statusCode, refreshToken).toBe(401);
      expect(refused.json().code).toBe('invalid_refresh_token');
    }
    expect((await t.request('POST', '/api/v1/auth/token/refresh', { body: {} })).statusCode).toBe(400);
    const user = await t.createUser();
    const answer = await appSignIn(user);
    expect((await t.request('POST', '/api/v1/auth/logout', { bearer: answer.token })).statusCode).toBe(204);
    expect((await refresh(answer.refreshToken)).json().code).toBe('invalid_refresh_token');
  });

  it('cannot carry a session past its absolute lifetime (SESSION_ABSOLUTE_DAYS, 90 days)', async () => {
    const user = await t.createUser();
    let answer = await appSignIn(user);
    for (let day = 20; day <= 80; day += 20) {
      t.clock.advance(20 * DAY);
      const renewed = await refresh(answer.refreshToken);
      expect(renewed.statusCode, `day ${day}`).toBe(200);
      answer = renewed.json();
      // The expiry shown never passes the hard limit.
      expect(Date.parse(answer.expiresAt)).toBeLessThanOrEqual(t.clock.now().getTime() + (90 - day) * DAY);
    }
    t.clock.advance(11 * DAY);
    expect((await refresh(answer.refreshToken)).json().code).toBe('invalid_refresh_token');
    expect((await whoAmI(answer.token)).statusCode).toBe(401);
  });
});
