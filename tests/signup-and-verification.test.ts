/** Sign-up, email verification and resend, as a person and as an enumerating attacker see them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, STRONG_PASSWORD, type TestApp } from './helpers/test-app.js';
import { DAY, MINUTE } from './helpers/test-clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const signup = (body: Record<string, unknown>) => t.request('POST', '/api/v1/auth/signup', { body });

describe('sign-up', () => {
  it('answers 202, mails a verification link, and the link signs the browser in', async () => {
    const response = await signup({ email: '  New.Person@Example.COM ', password: STRONG_PASSWORD, name: 'New Person', role: 'client' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'verification_sent' });

    const mail = await t.lastMailTo('new.person@example.com');
    expect(mail?.subject).toMatch(/confirm/i);
    expect(mail?.text).toContain(`${t.config.publicUrl.origin}/verify-email?token=`);
    expect(mail?.html).toContain('/verify-email?token=');

    const token = await t.tokenFromMail('new.person@example.com', '/verify-email');
    const verified = await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user).toMatchObject({ email: 'new.person@example.com', role: 'client', emailVerified: true, name: 'New Person' });
    const cookie = sessionCookieOf(verified);
    expect(cookie).toBeDefined();

    const session = await t.request('GET', '/api/v1/auth/session', { cookie });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe('new.person@example.com');
  });

  it('answers the same 202 for a registered address and mails its owner instead', async () => {
    const owner = await t.createUser({ name: 'Owner' });
    const before = (await t.mail()).length;
    const response = await signup({ email: owner.email.toUpperCase(), password: 'another fine passphrase here', name: 'Intruder', role: 'client' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'verification_sent' });
    const mail = await t.lastMailTo(owner.email);
    expect((await t.mail()).length).toBe(before + 1);
    expect(mail?.subject).toMatch(/tried to sign up/i);
    expect(mail?.text).toContain('/login');
    expect(mail?.text).toContain('/forgot-password');
    expect(mail?.text).not.toContain('token=');
    // The account is unchanged: the owner's password still works, the intruder's does not.
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password } })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: owner.email, password: 'another fine passphrase here' } })).statusCode).toBe(401);
  });

  it('a second sign-up for an unverified address replaces the pending details and voids the first link', async () => {
    const email = 'pending@example.com';
    await signup({ email, password: 'first pending passphrase', name: 'First', role: 'client' });
    const firstToken = await t.tokenFromMail(email, '/verify-email');
    await signup({ email, password: 'second pending passphrase', name: 'Second', role: 'freelancer' });
    const secondToken = await t.tokenFromMail(email, '/verify-email');
    expect(secondToken).not.toBe(firstToken);
    expect((await t.request('POST', '/api/v1/auth/email/verify', { body: { token: firstToken } })).json().code).toBe('invalid_token');
    const verified = await t.request('POST', '/api/v1/auth/email/verify', { body: { token: secondToken } });
    expect(verified.json().user).toMatchObject({ name: 'Second', role: 'freelancer' });
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email, password: 'first pending passphrase' } })).statusCode).toBe(401);
  });

  it('refuses weak and common passwords with zxcvbn feedback, and creates nothing', async () => {
    for (const password of ['short', 'password1234', 'aaaaaaaaaaaaaaaa', 'qwertyuiopasdf']) {
      const email = `weak-${password.length}-${password[0]}@example.com`;
      const response = await signup({ email, password, name: 'Weak', role: 'client' });
      expect(response.statusCode, password).toBe(400);
      const body = response.json();
      expect(body.code).toBe('weak_password');
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors[0].path).toBe('password');
      expect(await t.lastMailTo(email)).toBeUndefined();
    }
  });

  it('refuses a password built from the person’s own email', async () => {
    const response = await signup({ email: 'maria.gonzalez@example.com', password: 'maria.gonzalez@example.com', name: 'Maria', role: 'client' });
    expect(response.json().code).toBe('weak_password');
  });

  it('accepts 12 to 128 characters after NFKC normalization, and no more', async () => {
    const tooLong = 'Zq7!'.repeat(33); // 132 characters
    expect((await signup({ email: 'long@example.com', password: tooLong, name: 'L', role: 'client' })).json().code).toBe('weak_password');
    // U+FB01 (ﬁ ligature) normalizes to "fi": the same password either way.
    const ligature = 'ﬁreﬂy orbit canyon 42';
    expect((await signup({ email: 'nfkc@example.com', password: ligature, name: 'N', role: 'client' })).statusCode).toBe(202);
    const token = await t.tokenFromMail('nfkc@example.com', '/verify-email');
    await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: 'nfkc@example.com', password: 'firefly orbit canyon 42' } });
    expect(login.statusCode).toBe(200);
  });
});

describe('email verification', () => {
  it('a link works once', async () => {
    await signup({ email: 'once@example.com', password: STRONG_PASSWORD, name: 'Once', role: 'client' });
    const token = await t.tokenFromMail('once@example.com', '/verify-email');
    expect((await t.request('POST', '/api/v1/auth/email/verify', { body: { token } })).statusCode).toBe(200);
    const again = await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
  });

  it('a link expires after 24 hours', async () => {
    await signup({ email: 'late@example.com', password: STRONG_PASSWORD, name: 'Late', role: 'client' });
    const token = await t.tokenFromMail('late@example.com', '/verify-email');
    t.clock.advance(DAY + MINUTE);
    const response = await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(response.json().code).toBe('invalid_token');
  });

  it('unknown and malformed tokens are invalid_token, never a 500', async () => {
    for (const token of ['x', 'A'.repeat(43), '../../etc/passwd', '\u0000'.repeat(10)]) {
      const response = await t.request('POST', '/api/v1/auth/email/verify', { body: { token } });
      expect(response.statusCode, token).toBe(400);
      expect(['invalid_token', 'validation_failed']).toContain(response.json().code);
    }
  });

  it('resend answers 202 for any address and mails a fresh link only to unverified accounts', async () => {
    await signup({ email: 'resend@example.com', password: STRONG_PASSWORD, name: 'Resend', role: 'client' });
    const first = await t.tokenFromMail('resend@example.com', '/verify-email');
    const response = await t.request('POST', '/api/v1/auth/email/resend', { body: { email: 'RESEND@example.com' } });
    expect(response.statusCode).toBe(202);
    const second = await t.tokenFromMail('resend@example.com', '/verify-email');
    expect(second).not.toBe(first);
    expect((await t.request('POST', '/api/v1/auth/email/verify', { body: { token: first } })).json().code).toBe('invalid_token');
    expect((await t.request('POST', '/api/v1/auth/email/verify', { body: { token: second } })).statusCode).toBe(200);

    const unknown = await t.request('POST', '/api/v1/auth/email/resend', { body: { email: 'nobody-here@example.com' } });
    expect(unknown.statusCode).toBe(202);
    expect(await t.lastMailTo('nobody-here@example.com')).toBeUndefined();
  });
});
