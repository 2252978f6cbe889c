/**
 * The stand-in OpenID Providers (tests/helpers/oidc-stand-in.ts) and the driver that walks
 * through them, tested on their own so a failing sign-in test points at the app, not the
 * fixture: discovery; a full code flow with PKCE whose ID token carries the claims the login
 * asks for (checked against the stand-in's JWKS); Apple's form_post answer, string booleans and
 * ES256 client-secret JWT; a cancelled consent; a native app's ID token; the dev CLI.
 * Requirements: OpenID Connect Core 1.0 §3.1 (code flow), RFC 7636 (PKCE), Sign in with
 * Apple REST API ("Generate and validate tokens", "Creating a client secret").
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, importPKCS8, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLE_CLIENT_SECRET_MAX_SECONDS,
  authorizeAtStandIn,
  idTokenFromStandIn,
  makeAppleKey,
  startStandIn,
  subjectFor,
  type StandIn,
} from './helpers/oidc-stand-in.js';

const WEB_CALLBACK = 'http://localhost:3000/api/v1/auth/oidc/google/callback';
const APPLE_CALLBACK = 'http://localhost:3000/api/v1/auth/oidc/apple/callback';
const APP_CALLBACK = 'com.workgate.app:/oauth2redirect';
const APPLE_TEAM = 'TEAM123456';
const APPLE_KEY_ID = 'KEY1234567';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  [key: string]: unknown;
}

async function discovery(standIn: StandIn): Promise<Discovery> {
  return (await (await fetch(`${standIn.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
}

/** What a relying party keeps between sending the person off and the callback. */
interface Attempt {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

function startAttempt(metadata: Discovery, params: Record<string, string>): Attempt {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  return { url: url.href, verifier, state, nonce };
}

async function tokenRequest(metadata: Discovery, form: Record<string, string>) {
  const response = await fetch(metadata.token_endpoint, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function verifiedClaims(metadata: Discovery, idToken: unknown, audience: string): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(String(idToken), jwks, { issuer: metadata.issuer, audience });
  expect(protectedHeader.alg).toBe('RS256');
  return payload;
}

describe('Google stand-in', () => {
  let standIn: StandIn;
  let metadata: Discovery;
  const web = { client_id: 'google-web', redirect_uri: WEB_CALLBACK, scope: 'openid email profile' };

  beforeAll(async () => {
    standIn = await startStandIn({
      kind: 'google',
      clients: [
        { clientId: 'google-web', clientSecret: 'google-secret', redirectUris: [WEB_CALLBACK] },
        { clientId: 'google-ios', public: true, redirectUris: [APP_CALLBACK] },
      ],
    });
    metadata = await discovery(standIn);
  });
  afterAll(() => standIn?.close());

  /** Signs `login` in through the web client and exchanges the code; answers the ID token's claims. */
  async function signIn(login: string, extra: Record<string, string> = {}) {
    const attempt = startAttempt(metadata, { ...web, ...extra });
    const outcome = await authorizeAtStandIn(attempt.url, { login });
    if (outcome.kind !== 'redirect') throw new Error('expected a query response');
    expect(outcome.url.searchParams.get('state')).toBe(attempt.state);
    const tokens = await tokenRequest(metadata, {
      grant_type: 'authorization_code',
      code: outcome.url.searchParams.get('code') ?? '',
      redirect_uri: WEB_CALLBACK,
      client_id: 'google-web',
      client_secret: 'google-secret',
      code_verifier: attempt.verifier,
    });
    expect(tokens.status).toBe(200);
    return { attempt, claims: await verifiedClaims(metadata, tokens.body.id_token, 'google-web') };
  }

  it('answers discovery with its issuer, code flow only and PKCE S256', async () => {
    expect(standIn.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(metadata).toMatchObject({
      issuer: standIn.issuer,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
    });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
  });

  it('runs a code flow with PKCE into a signed ID token with the person the login names', async () => {
    const { attempt, claims } = await signIn('Ada.Lovelace@Example.com');
    expect(claims).toMatchObject({
      sub: subjectFor('ada.lovelace@example.com'),
      email: 'ada.lovelace@example.com',
      email_verified: true,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      amr: ['pwd'],
      nonce: attempt.nonce,
    });
    // sub is opaque and stable: never the address, and the same person next time.
    expect(claims.sub).toMatch(/^sub-[0-9a-f]{16}$/);
    expect((await signIn('ada.lovelace@example.com')).claims.sub).toBe(claims.sub);
    expect((await signIn('grace.hopper@example.com')).claims.sub).not.toBe(claims.sub);
  });

  it('marks a login starting with unverified. as an unverified address', async () => {
    const { claims } = await signIn('unverified.ada.lovelace@example.com');
    expect(claims).toMatchObject({ email: 'unverified.ada.lovelace@example.com', email_verified: false, name: 'Ada Lovelace' });
  });

  it('reports a login containing +mfa as a multi-factor sign-in in amr', async () => {
    const { claims } = await signIn('ada+mfa@example.com');
    expect(claims.amr).toEqual(['pwd', 'mfa']);
  });

  it('accepts prompt=select_account, as Google does', async () => {
    const { claims } = await signIn('ada@example.com', { prompt: 'select_account' });
    expect(claims.email).toBe('ada@example.com');
  });

  it('refuses a request without PKCE and a code exchange with the wrong verifier', async () => {
    const { code_challenge: _, code_challenge_method: __, ...withoutPkce } = Object.fromEntries(
      new URL(startAttempt(metadata, web).url).searchParams,
    );
    const refused = await authorizeAtStandIn(`${metadata.authorization_endpoint}?${new URLSearchParams(withoutPkce)}`, {
      login: 'ada@example.com',
    });
    expect(refused.kind === 'redirect' && refused.url.searchParams.get('error')).toBe('invalid_request');

    const attempt = startAttempt(metadata, web);
    const outcome = await authorizeAtStandIn(attempt.url, { login: 'ada@example.com' });
    const tokens = await tokenRequest(metadata, {
      grant_type: 'authorization_code',
      code: outcome.kind === 'redirect' ? (outcome.url.searchParams.get('code') ?? '') : '',
      redirect_uri: WEB_CALLBACK,
      client_id: 'google-web',
      client_secret: 'google-secret',
      code_verifier: randomBytes(32).toString('base64url'),
    });
    expect(tokens).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('sends the person back with error=access_denied when they cancel', async () => {
    const attempt = startAttempt(metadata, web);
    const outcome = await authorizeAtStandIn(attempt.url, { login: 'ada@example.com', consent: false });
    expect(outcome.kind).toBe('redirect');
    if (outcome.kind !== 'redirect') return;
    expect(outcome.url.origin + outcome.url.pathname).toBe(WEB_CALLBACK);
    expect(outcome.url.searchParams.get('error')).toBe('access_denied');
    expect(outcome.url.searchParams.get('state')).toBe(attempt.state);
    expect(outcome.url.searchParams.has('code')).toBe(false);
  });

  it('gives a native app an ID token for its own client id with its nonce', async () => {
    const idToken = await idTokenFromStandIn(standIn, {
      clientId: 'google-ios',
      redirectUri: APP_CALLBACK,
      login: 'ada@example.com',
      nonce: 'nonce-from-the-app',
    });
    const claims = await verifiedClaims(metadata, idToken, 'google-ios');
    expect(claims).toMatchObject({ aud: 'google-ios', nonce: 'nonce-from-the-app', sub: subjectFor('ada@example.com') });
  });
});

describe('Apple stand-in', () => {
  let standIn: StandIn;
  let metadata: Discovery;
  let appleKey: Awaited<ReturnType<typeof makeAppleKey>>;
  const web = { client_id: 'com.workgate.web', redirect_uri: APPLE_CALLBACK, scope: 'openid email name', response_mode: 'form_post' };

  beforeAll(async () => {
    appleKey = await makeAppleKey();
    standIn = await startStandIn({
      kind: 'apple',
      clients: [
        { clientId: 'com.workgate.web', redirectUris: [APPLE_CALLBACK] },
        { clientId: 'com.workgate.ios', public: true, redirectUris: [APP_CALLBACK] },
      ],
      apple: { teamId: APPLE_TEAM, keyId: APPLE_KEY_ID, publicKey: appleKey.publicKey },
    });
    metadata = await discovery(standIn);
  });
  afterAll(() => standIn?.close());

  /** Apple's client secret as the app makes it; `overrides` forge the parts an attacker might. */
  async function clientSecret(
    overrides: { privateKeyPem?: string; kid?: string; iss?: string; aud?: string; lifetime?: number } = {},
  ): Promise<string> {
    const key = await importPKCS8(overrides.privateKeyPem ?? appleKey.privateKeyPem, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: overrides.kid ?? APPLE_KEY_ID })
      .setIssuer(overrides.iss ?? APPLE_TEAM)
      .setSubject('com.workgate.web')
      .setAudience(overrides.aud ?? standIn.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + (overrides.lifetime ?? 3600))
      .sign(key);
  }

  async function formPostSignIn(login: string) {
    const attempt = startAttempt(metadata, web);
    const outcome = await authorizeAtStandIn(attempt.url, { login });
    if (outcome.kind !== 'form_post') throw new Error('expected a form_post response');
    return { attempt, outcome };
  }

  async function exchange(attempt: Attempt, code: string, secret: string) {
    return tokenRequest(metadata, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APPLE_CALLBACK,
      client_id: 'com.workgate.web',
      client_secret: secret,
      code_verifier: attempt.verifier,
    });
  }

  it('answers like Apple: form_post, scopes openid email name', () => {
    expect(metadata.issuer).toBe(standIn.issuer);
    expect(metadata.response_modes_supported).toContain('form_post');
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'name']));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['email_verified', 'is_private_email']));
    expect(metadata.claims_supported).not.toContain('name');
  });

  it('posts the code back and takes an ES256 client-secret JWT for it; the ID token has string booleans and no name', async () => {
    const { attempt, outcome } = await formPostSignIn('Ada.Lovelace@Example.com');
    expect(outcome.action).toBe(APPLE_CALLBACK);
    expect(outcome.fields).toMatchObject({ state: attempt.state, code: expect.any(String) });
    // The name travels once, in the `user` field, as Apple does on the first authorization.
    expect(JSON.parse(outcome.fields.user ?? '')).toEqual({
      name: { firstName: 'Ada', lastName: 'Lovelace' },
      email: 'ada.lovelace@example.com',
    });

    const tokens = await exchange(attempt, outcome.fields.code!, await clientSecret());
    expect(tokens.status).toBe(200);
    const claims = await verifiedClaims(metadata, tokens.body.id_token, 'com.workgate.web');
    expect(claims).toMatchObject({
      sub: subjectFor('ada.lovelace@example.com'),
      email: 'ada.lovelace@example.com',
      email_verified: 'true',
      nonce: attempt.nonce,
      amr: ['pwd'],
    });
    for (const absent of ['name', 'given_name', 'family_name', 'is_private_email']) expect(claims).not.toHaveProperty(absent);

    const again = await formPostSignIn('ada.lovelace@example.com');
    expect(again.outcome.fields).not.toHaveProperty('user');
  });

  it('says "false" for an unverified address and marks a private relay address', async () => {
    for (const [login, expected] of [
      ['unverified.ada@example.com', { email_verified: 'false' }],
      ['x7k2p9@privaterelay.appleid.com', { email_verified: 'true', is_private_email: 'true' }],
    ] as const) {
      const { attempt, outcome } = await formPostSignIn(login);
      const tokens = await exchange(attempt, outcome.fields.code!, await clientSecret());
      expect(await verifiedClaims(metadata, tokens.body.id_token, 'com.workgate.web')).toMatchObject(expected);
    }
  });

  it.each([
    ['signed by another key', async () => clientSecret({ privateKeyPem: (await makeAppleKey()).privateKeyPem })],
    ['naming another key id', () => clientSecret({ kid: 'OTHERKEY00' })],
    ['from another team', () => clientSecret({ iss: 'OTHERTEAM0' })],
    ['meant for another audience', () => clientSecret({ aud: 'https://appleid.apple.com' })],
    ['living longer than 6 months', () => clientSecret({ lifetime: APPLE_CLIENT_SECRET_MAX_SECONDS + 3600 })],
    ['expired', () => clientSecret({ lifetime: -60 })],
    ['that is no JWT', async () => 'not-a-jwt'],
  ])('refuses a client secret %s with 401 invalid_client', async (_, makeSecret) => {
    const { attempt, outcome } = await formPostSignIn('ada@example.com');
    const tokens = await exchange(attempt, outcome.fields.code!, await makeSecret());
    expect(tokens.status).toBe(401);
    expect(tokens.body.error).toBe('invalid_client');
    // Refused by the JWT check itself (it names the reason), not by oidc-provider's secret comparison.
    expect(tokens.body.error_description).toMatch(/^client authentication failed: ./);
  });

  it('posts error=access_denied back when the person cancels', async () => {
    const attempt = startAttempt(metadata, web);
    const outcome = await authorizeAtStandIn(attempt.url, { login: 'ada@example.com', consent: false });
    expect(outcome).toEqual({
      kind: 'form_post',
      action: APPLE_CALLBACK,
      fields: expect.objectContaining({ error: 'access_denied', state: attempt.state }),
    });
  });

  it('gives a native app an ID token for its bundle id with its nonce', async () => {
    const idToken = await idTokenFromStandIn(standIn, {
      clientId: 'com.workgate.ios',
      redirectUri: APP_CALLBACK,
      login: 'ada@example.com',
      nonce: 'apple-nonce',
    });
    expect(await verifiedClaims(metadata, idToken, 'com.workgate.ios')).toMatchObject({
      aud: 'com.workgate.ios',
      nonce: 'apple-nonce',
      email_verified: 'true',
    });
  });
});

describe('scripts/oidc-stand-in.ts', () => {
  it('prints the env lines, serves discovery and closes cleanly on SIGTERM', async () => {
    const repoRoot = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/oidc-stand-in.ts', '--port', '0', '--redirect-base', 'http://localhost:3999'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? '')));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', () => {}); // oidc-provider's start-up warnings
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('GOOGLE_CLIENT_SECRET=') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const env = Object.fromEntries(output.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
      expect(env).toMatchObject({ GOOGLE_CLIENT_ID: 'workgate-dev', GOOGLE_CLIENT_SECRET: 'workgate-dev-secret' });
      expect(env.GOOGLE_ISSUER).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const metadata = (await (await fetch(`${env.GOOGLE_ISSUER}/.well-known/openid-configuration`)).json()) as Discovery;
      expect(metadata.issuer).toBe(env.GOOGLE_ISSUER);
      const attempt = startAttempt(metadata, {
        client_id: 'workgate-dev',
        redirect_uri: 'http://localhost:3999/api/v1/auth/oidc/google/callback',
        scope: 'openid email profile',
      });
      const outcome = await authorizeAtStandIn(attempt.url, { login: 'dev@example.com' });
      expect(outcome.kind === 'redirect' && outcome.url.searchParams.has('code')).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
