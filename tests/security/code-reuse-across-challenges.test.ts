/**
 * A mailed or texted code used for something other than what it was sent for.
 *
 * Requirement: ASVS 5.0 6.6.2 (an out-of-band code is bound to the original authentication
 * request for which it was generated, and is not usable for a previous or subsequent one);
 * NIST SP 800-63B §5.1.3.1 (the out-of-band secret is bound to the authentication transaction).
 * A code sent for login A completes neither login B nor a step-up; a code sent for step-up in
 * one session completes neither a login nor a step-up in another session. The stored row says
 * what the code was sent for.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeCodes } from '../../src/server/modules/auth/methods/one-time-code/one-time-code.table.js';
import { loginChallenges } from '../../src/server/modules/auth/flows/login-challenge.table.js';
import { hashSecret } from '../../src/server/platform/secrets.js';
import { createTestApp, sessionCookieOf, type TestApp, type TestUser } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const CODE_IN_MAIL = /security code is (\d{6})/;
const CODE_IN_SMS = / is (\d{6})\./;

type Channel = { method: 'email_code'; path: '/api/v1/account/mfa/email' } | { method: 'sms_code'; path: '/api/v1/account/mfa/sms' };
const EMAIL: Channel = { method: 'email_code', path: '/api/v1/account/mfa/email' };
const SMS: Channel = { method: 'sms_code', path: '/api/v1/account/mfa/sms' };

let nextNumber = 500;
interface Person {
  user: TestUser;
  phone: string;
}

/** The code in the newest mail or text message to the person, by channel. */
async function deliveredCode(person: Person, channel: Channel): Promise<string> {
  if (channel.method === 'email_code') {
    const mail = (await t.mail()).find((m) => m.to === person.user.email && CODE_IN_MAIL.test(m.text));
    const code = mail && CODE_IN_MAIL.exec(mail.text)?.[1];
    if (!code) throw new Error('no code mailed');
    return code;
  }
  await t.platform.sms.drain();
  const message = t.platform.sms.outbox().find((m) => m.to === person.phone);
  const code = message && CODE_IN_SMS.exec(message.body)?.[1];
  if (!code) throw new Error('no code texted');
  return code;
}

/** A person with the channel turned on as their second factor (SMS: a confirmed phone first). */
async function personWith(channel: Channel): Promise<Person> {
  const user = await t.createUser();
  const cookie = await t.signIn(user);
  nextNumber += 1;
  const phone = `+447700${String(100_000 + nextNumber)}`;
  const person = { user, phone };
  if (channel.method === 'sms_code') {
    expect((await t.request('POST', '/api/v1/account/phone', { cookie, body: { phone } })).statusCode).toBe(202);
    const code = await deliveredCode(person, SMS);
    expect((await t.request('POST', '/api/v1/account/phone/verify', { cookie, body: { code } })).statusCode).toBe(200);
  }
  expect((await t.request('POST', channel.path, { cookie })).statusCode).toBe(200);
  return person;
}

async function passwordStep(person: Person): Promise<string> {
  const response = await t.request('POST', '/api/v1/auth/login', { body: { email: person.user.email, password: person.user.password } });
  expect(response.json().mfaRequired).toBe(true);
  return response.json().challenge;
}

async function codeForLogin(person: Person, channel: Channel, challenge: string): Promise<string> {
  const sent = await t.request('POST', '/api/v1/auth/login/mfa/send', { body: { challenge, method: channel.method } });
  expect(sent.statusCode).toBe(202);
  return deliveredCode(person, channel);
}

async function codeForStepUp(person: Person, channel: Channel, cookie: string): Promise<string> {
  const sent = await t.request('POST', '/api/v1/auth/reauthenticate/send', { cookie, body: { method: channel.method } });
  expect(sent.statusCode).toBe(202);
  return deliveredCode(person, channel);
}

function completeLogin(challenge: string, channel: Channel, code: string) {
  return t.request('POST', '/api/v1/auth/login/mfa', { body: { challenge, method: channel.method, code } });
}

function stepUp(cookie: string, channel: Channel, code: string) {
  return t.request('POST', '/api/v1/auth/reauthenticate', { cookie, body: { method: channel.method, code } });
}

/** A signed-in session at two steps, made with a code of its own. */
async function signedIn(person: Person, channel: Channel): Promise<string> {
  const challenge = await passwordStep(person);
  const done = await completeLogin(challenge, channel, await codeForLogin(person, channel, challenge));
  expect(done.statusCode).toBe(200);
  return sessionCookieOf(done)!;
}

describe.each([
  ['mailed', EMAIL],
  ['texted', SMS],
])('a %s code', (_kind, channel) => {
  it('sent for one login does not complete another login, and still completes its own', async () => {
    const person = await personWith(channel);
    const [first, second] = [await passwordStep(person), await passwordStep(person)];
    const code = await codeForLogin(person, channel, first);

    const elsewhere = await completeLogin(second, channel, code);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().code).toBe('code_expired');
    expect(sessionCookieOf(elsewhere)).toBeUndefined();

    expect((await completeLogin(first, channel, code)).statusCode).toBe(200);
  });

  it('sent for a login does not confirm a step-up, and one sent for step-up does not complete a login', async () => {
    const person = await personWith(channel);
    const cookie = await signedIn(person, channel);

    const challenge = await passwordStep(person);
    const loginCode = await codeForLogin(person, channel, challenge);
    const refusedStepUp = await stepUp(cookie, channel, loginCode);
    expect(refusedStepUp.statusCode).toBe(400);
    expect(refusedStepUp.json().code).toBe('code_expired');

    const stepUpCode = await codeForStepUp(person, channel, cookie);
    // The login has a code of its own, so the step-up code is simply a wrong one there.
    const refusedLogin = await completeLogin(challenge, channel, stepUpCode);
    expect(refusedLogin.statusCode).toBe(400);
    expect(refusedLogin.json().code).toBe('invalid_code');
    expect(sessionCookieOf(refusedLogin)).toBeUndefined();

    // Each still does what it was sent for.
    expect((await stepUp(cookie, channel, stepUpCode)).statusCode).toBe(204);
    expect((await completeLogin(challenge, channel, loginCode)).statusCode).toBe(200);
  });

  it('sent for step-up in one session does not confirm a step-up in another', async () => {
    const person = await personWith(channel);
    const [mine, theirs] = [await signedIn(person, channel), await signedIn(person, channel)];
    const code = await codeForStepUp(person, channel, mine);
    expect((await stepUp(theirs, channel, code)).json().code).toBe('code_expired');
    expect((await stepUp(mine, channel, code)).statusCode).toBe(204);
  });
});

describe('what a code row records', () => {
  it('names the login challenge or the session it was sent for', async () => {
    const person = await personWith(EMAIL);
    const cookie = await signedIn(person, EMAIL);
    const challenge = await passwordStep(person);
    await codeForLogin(person, EMAIL, challenge);
    await codeForStepUp(person, EMAIL, cookie);

    const [pending] = await t.platform.db.select().from(loginChallenges).where(eq(loginChallenges.tokenHash, hashSecret(challenge)));
    const rows = await t.platform.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, person.user.id));
    const sentFor = rows.map((row) => row.sentFor);
    expect(sentFor).toContain(`login:${pending!.id}`);
    expect(sentFor.filter((value) => value?.startsWith('step_up:'))).toHaveLength(1);
    expect(sentFor.every((value) => value && /^(login|step_up):[0-9a-f-]{36}$/.test(value))).toBe(true);
  });
});
