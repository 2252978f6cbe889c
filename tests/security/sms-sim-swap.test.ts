/**
 * SIM swap: someone who takes over the owner's phone number receives the SMS codes.
 *
 * Requirement: ASVS 5.0 6.6.1 (where codes by phone are offered, the person is told they are
 * weaker, and stronger methods are recommended); NIST SP 800-63B §5.1.3.3 (the phone network
 * is a restricted authenticator: the subscriber is told of its risks and offered an
 * alternative). Turning on SMS codes answers a warning, with a stable code, that names the SIM
 * swap and recommends an authenticator app or a passkey; the OpenAPI document says so too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const CODE_IN_SMS = / is (\d{6})\./;

async function signedInWithConfirmedPhone(phone: string): Promise<string> {
  const cookie = await t.signIn(await t.createUser());
  expect((await t.request('POST', '/api/v1/account/phone', { cookie, body: { phone } })).statusCode).toBe(202);
  await t.platform.sms.drain();
  const code = CODE_IN_SMS.exec(t.platform.sms.outbox().find((m) => m.to === phone)!.body)![1];
  expect((await t.request('POST', '/api/v1/account/phone/verify', { cookie, body: { code } })).statusCode).toBe(200);
  return cookie;
}

describe('turning on SMS codes', () => {
  it('answers a warning that names the SIM swap and recommends an authenticator app or a passkey', async () => {
    const cookie = await signedInWithConfirmedPhone('+447700100777');
    const on = await t.request('POST', '/api/v1/account/mfa/sms', { cookie });
    expect(on.statusCode).toBe(200);
    expect(on.json().recoveryCodes).toHaveLength(10);
    const { warning } = on.json();
    expect(warning.code).toBe('sms_sim_swap');
    expect(warning.message).toMatch(/SIM swap/);
    expect(warning.message).toMatch(/authenticator app/);
    expect(warning.message).toMatch(/passkey/);
    // Codes by mail are a different channel, with no SIM to swap.
    const other = await t.signIn(await t.createUser());
    expect((await t.request('POST', '/api/v1/account/mfa/email', { cookie: other })).json().warning).toBeUndefined();
  });

  it('is documented on the route in the OpenAPI document', async () => {
    const spec = (await t.request('GET', '/api/openapi.json')).json();
    const route = spec.paths['/api/v1/account/mfa/sms'].post;
    expect(route.description).toMatch(/SIM swap/);
    expect(JSON.stringify(route.responses['200'])).toContain('warning');
  });
});
