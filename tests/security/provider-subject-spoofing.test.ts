/**
 * One identity provider must not stand in for another. Someone who controls a provider the
 * deployment trusts (or a tenant of a generic OIDC issuer) can mint any `sub`, including the
 * one a person's account is connected with at another provider. ASVS 5.0 6.8.1: with several
 * identity providers, a user's identity cannot be spoofed through another one using the same
 * user identifier; the account is found by the provider's id (its namespace) and the subject
 * together. NIST SP 800-63C §5.4 (federated identifiers are scoped to the issuer).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdentities } from '../../src/server/modules/auth/methods/oidc/identity.table.js';
import { startStandIn, subjectFor, type StandIn } from '../helpers/oidc-stand-in.js';
import { fromPage, outcomeOf, runProviderSignIn } from '../helpers/provider-browser.js';
import { createTestApp, PUBLIC_URL, type TestApp } from '../helpers/test-app.js';

let provider: StandIn;
let t: TestApp;

const redirect = (id: string) => `${PUBLIC_URL}/api/v1/auth/oidc/${id}/callback`;

beforeAll(async () => {
  // One stand-in issuer serves both configured providers, so both can produce the same `sub`.
  provider = await startStandIn({
    kind: 'google',
    clients: [
      { clientId: 'workgate-web', clientSecret: 'web-secret', redirectUris: [redirect('google')] },
      { clientId: 'acme-workgate', clientSecret: 'acme-secret', redirectUris: [redirect('acme')] },
    ],
  });
  t = await createTestApp({
    env: {
      GOOGLE_CLIENT_ID: 'workgate-web',
      GOOGLE_CLIENT_SECRET: 'web-secret',
      GOOGLE_ISSUER: provider.issuer,
      OIDC_PROVIDERS: 'acme',
      OIDC_ACME_ISSUER: provider.issuer,
      OIDC_ACME_CLIENT_ID: 'acme-workgate',
      OIDC_ACME_CLIENT_SECRET: 'acme-secret',
      OIDC_ACME_LABEL: 'Acme SSO',
    },
  });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

describe('the same subject at two providers', () => {
  it('gives two accounts: each provider signs in only the account connected with it', async () => {
    // The victim's account is connected with Acme under subject S.
    const victim = await t.createUser();
    const login = `spoof+${Date.now()}@gmail.test`;
    const subject = subjectFor(login);
    await t.platform.db
      .insert(userIdentities)
      .values({ id: randomUUID(), userId: victim.id, provider: 'acme', subject, email: victim.email, createdAt: t.clock.now() });

    // Google asserts the same subject S for another person: not the victim's account.
    const viaGoogle = await runProviderSignIn(t, { provider: 'google', login, providerOrigin: provider.issuer });
    expect(viaGoogle.error).toBeNull();
    const outcome = (await outcomeOf(t, viaGoogle.jar)).json();
    expect(outcome).toMatchObject({ outcome: 'signup_required', email: login, provider: { id: 'google' } });
    const signup = await fromPage(t, viaGoogle.jar, 'POST', '/api/v1/auth/oidc/signup', { role: 'client', name: 'Second Person', acceptTerms: true });
    expect(signup.statusCode).toBe(200);
    const second = signup.json().user as { id: string };
    expect(second.id).not.toBe(victim.id);

    // Two accounts now hold subject S, one per provider.
    const rows = await t.platform.db.query.userIdentities.findMany({ where: (i, { eq }) => eq(i.subject, subject) });
    expect(rows.map((row) => [row.provider, row.userId]).sort()).toEqual(
      [
        ['acme', victim.id],
        ['google', second.id],
      ].sort(),
    );

    // And each provider keeps signing in its own account.
    const again = await runProviderSignIn(t, { provider: 'google', login, providerOrigin: provider.issuer });
    expect((await outcomeOf(t, again.jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: second.id } });
    const viaAcme = await runProviderSignIn(t, { provider: 'acme', login, providerOrigin: provider.issuer });
    expect((await outcomeOf(t, viaAcme.jar)).json()).toMatchObject({ outcome: 'signed_in', user: { id: victim.id } });
  });
});
