/**
 * A 401 names how to authenticate (RFC 9110 §15.5.2, RFC 6750 §3): apps learn that the bearer
 * token they sent is no longer accepted (error="invalid_token") and can refresh or sign in
 * again; browsers are not pushed into their own credentials dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('401 names the Bearer scheme', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('without credentials, with a dead bearer token, and with a dead cookie', async () => {
    const none = await t.request('GET', '/api/v1/auth/session');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="workgate"');
    const bearer = await t.request('GET', '/api/v1/auth/session', { bearer: 'A'.repeat(43) });
    expect(bearer.statusCode).toBe(401);
    expect(bearer.headers['www-authenticate']).toBe('Bearer realm="workgate", error="invalid_token"');
    // Browsers open a credentials dialog only for schemes such as Basic: the web app's 401 stays
    // a plain JSON problem it handles itself.
    const cookie = await t.request('GET', '/api/v1/auth/session', { cookie: `wg_session=${'A'.repeat(43)}` });
    expect(cookie.statusCode).toBe(401);
    expect(String(cookie.headers['www-authenticate'])).not.toMatch(/basic|digest|negotiate|ntlm/i);
    expect(cookie.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('a wrong password is a 401 with the challenge too, and its code unchanged', async () => {
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { email: 'x@example.com', password: 'not the password at all' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="workgate"');
  });
});
