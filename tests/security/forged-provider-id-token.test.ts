/**
 * Forged ID tokens in the browser's provider sign-in: someone who can alter the token
 * endpoint's answer (a compromised proxy, a TLS-inspecting middlebox, a bug in a relay) swaps
 * the subject for the victim's, or signs a token of their own, and must not be signed in as
 * the victim.
 *
 * Requirement: ASVS 5.0 6.8.2 (the digital signature of an assertion such as an ID token is
 * validated); OpenID Connect Core 3.1.3.7 (signature checked against the provider's published
 * keys); NIST SP 800-63C-4 (the RP validates the assertion's signature).
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../src/server/modules/security/audit.table.js';
import { startStandIn, subjectFor, type StandIn } from '../helpers/oidc-stand-in.js';
import { fromPage, outcomeOf, runProviderSignIn } from '../helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, type TestApp } from '../helpers/test-app.js';

let google: StandIn;
let tokenEndpoint: string;
let t: TestApp;
let counter = 0;
const fresh = (prefix: string) => `${prefix}+${Date.now()}x${(counter += 1)}@gmail.test`;

beforeAll(async () => {
  google = await startStandIn({
    kind: 'google',
    clients: [{ clientId: 'workgate-web', clientSecret: 'web-secret', redirectUris: [`${PUBLIC_URL}/api/v1/auth/oidc/google/callback`] }],
  });
  tokenEndpoint = ((await (await fetch(`${google.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string }).token_endpoint;
});
afterAll(async () => google.close());

beforeEach(async () => {
  t = await createTestApp({ redis: true, env: { GOOGLE_CLIENT_ID: 'workgate-web', GOOGLE_CLIENT_SECRET: 'web-secret', GOOGLE_ISSUER: google.issuer } });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const signInWithGoogle = (login: string) => runProviderSignIn(t, { provider: 'google', login, providerOrigin: google.issuer });

/** Rewrites the ID token of every answer of the provider's token endpoint on its way to the app. */
function tamperWithTokenAnswers(forge: (idToken: string) => Promise<string>) {
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url !== tokenEndpoint || !response.ok) return response;
    const body = (await response.json()) as { id_token?: string };
    if (body.id_token) body.id_token = await forge(body.id_token);
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The victim's Google account, connected to a Workgate account. */
async function victimAccount() {
  const login = fresh('victim');
  const run = await signInWithGoogle(login);
  const signup = await fromPage(t, run.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'Victim Person', acceptTerms: true });
  expect(signup.statusCode).toBe(200);
  return { login, id: signup.json().user.id as string };
}

async function expectRefused(run: Awaited<ReturnType<typeof signInWithGoogle>>) {
  expect(run.error).toBe('oidc_failed');
  expect((await outcomeOf(t, run.jar)).statusCode).toBe(404);
  expect((await fromPage(t, run.jar, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  // Audited as a failed provider sign-in, with openid-client's code for a response that fails its checks.
  const refusals = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.event, 'login_failed'));
  expect(refusals.map((row) => row.details)).toContainEqual(expect.objectContaining({ method: 'google', reason: 'OAUTH_INVALID_RESPONSE' }));
}

describe('a forged ID token at the browser callback', () => {
  it('is refused when its claims name someone else under the provider’s own signature', async () => {
    const victim = await victimAccount();
    tamperWithTokenAnswers(async (idToken) => {
      const [header, , signature] = idToken.split('.');
      const claims = { ...decodeJwt(idToken), sub: subjectFor(victim.login), email: victim.login };
      return `${header}.${base64url(claims)}.${signature}`;
    });
    const run = await signInWithGoogle(fresh('attacker'));
    await expectRefused(run);
  });

  it('is refused when it is signed with a key the provider never published', async () => {
    const victim = await victimAccount();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    tamperWithTokenAnswers(async (idToken) => {
      const claims = { ...decodeJwt(idToken), sub: subjectFor(victim.login), email: victim.login };
      // The provider's own key id, so only the signature itself can tell.
      return new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(idToken) as { alg: string }).sign(privateKey);
    });
    const run = await signInWithGoogle(fresh('attacker'));
    await expectRefused(run);
  });

  it('an untouched token still signs the victim in: the check refuses forgeries, not Google', async () => {
    const victim = await victimAccount();
    tamperWithTokenAnswers(async (idToken) => idToken);
    const run = await signInWithGoogle(victim.login);
    expect(run.error).toBeNull();
    expect((await outcomeOf(t, run.jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: victim.id } });
  });
});
