/**
 * Providers are configured by environment alone, and a half-configured one stops the start-up
 * with the variable named (never a crash at the first sign-in).
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/server/config.js';

const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const appleKey = pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const apple = { APPLE_CLIENT_ID: 'com.workgate.web', APPLE_TEAM_ID: 'TEAM123456', APPLE_KEY_ID: 'KEY1234567' };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('provider configuration', () => {
  it('configures Google, Apple and a named provider, in that order, from their variables', () => {
    const config = loadConfig({
      GOOGLE_CLIENT_ID: 'g-id',
      GOOGLE_CLIENT_SECRET: 'g-secret',
      ...apple,
      // One line with \n, as environment files hold it.
      APPLE_PRIVATE_KEY: appleKey.trim().replaceAll('\n', '\\n'),
      OIDC_PROVIDERS: 'acme-sso',
      OIDC_ACME_SSO_ISSUER: 'https://sso.acme.example',
      OIDC_ACME_SSO_CLIENT_ID: 'a-id',
      OIDC_ACME_SSO_CLIENT_SECRET: 'a-secret',
      OIDC_ACME_SSO_LABEL: 'Acme',
    });
    expect(config.oidcProviders.map((p) => [p.id, p.label, p.kind, p.issuer.href, p.responseMode])).toEqual([
      ['google', 'Google', 'google', 'https://accounts.google.com/', 'query'],
      ['apple', 'Apple', 'apple', 'https://appleid.apple.com/', 'form_post'],
      ['acme-sso', 'Acme', 'oidc', 'https://sso.acme.example/', 'query'],
    ]);
  });

  it('is off without a client id: no provider, no button', () => {
    expect(loadConfig({}).oidcProviders).toEqual([]);
  });

  it('refuses a half-configured provider and names the missing variable', () => {
    expect(problemsOf({ GOOGLE_CLIENT_ID: 'g-id' })).toMatch(/GOOGLE_CLIENT_SECRET: required/);
    expect(problemsOf({ APPLE_CLIENT_ID: 'x' })).toMatch(/APPLE_TEAM_ID[\s\S]*APPLE_KEY_ID[\s\S]*APPLE_PRIVATE_KEY/);
    expect(problemsOf({ OIDC_PROVIDERS: 'okta' })).toMatch(/OIDC_OKTA_ISSUER: required/);
    expect(problemsOf({ OIDC_PROVIDERS: 'Google' })).toMatch(/OIDC_PROVIDERS/);
    // Names a session's sign-in can begin with other than a provider.
    for (const reserved of ['password', 'passkey', 'google']) expect(problemsOf({ OIDC_PROVIDERS: reserved })).toMatch(new RegExp(`OIDC_PROVIDERS: "${reserved}" must be`));
  });

  it('refuses an Apple key that could not sign ES256, rather than failing at the first sign-in', () => {
    const rsa = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const otherCurve = pem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey);
    // A real key's PEM frame around a body that is not a key.
    const lines = appleKey.trim().split('\n');
    const broken = [lines[0], 'bm90IGEga2V5', lines.at(-1)].join('\n');
    for (const key of [rsa, otherCurve, broken, 'just text']) {
      expect(problemsOf({ ...apple, APPLE_PRIVATE_KEY: key })).toMatch(/APPLE_PRIVATE_KEY: must be the PKCS#8 PEM/);
    }
  });

  it('accepts plain http only for a provider on this machine', () => {
    const env = { GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 's' };
    expect(problemsOf({ ...env, GOOGLE_ISSUER: 'http://accounts.example.com' })).toMatch(/GOOGLE_ISSUER: must start with https/);
    expect(loadConfig({ ...env, GOOGLE_ISSUER: 'http://127.0.0.1:4100' }).oidcProviders[0]!.issuer.origin).toBe('http://127.0.0.1:4100');
  });
});
