/**
 * Sign-in providers from the environment: Google and Apple by their own variables, any other
 * OpenID provider by name through OIDC_PROVIDERS. A provider is on when its client id is
 * set; a half-configured one stops the start-up with the variable named, like the rest of
 * config.ts. See docs/social-login.md for what an operator registers where.
 */
import { createPrivateKey } from 'node:crypto';
import type { ProviderKind } from '../shared/provider-contracts.js';

export interface OidcProviderConfig {
  /** Path segment and audit name: 'google', 'apple', or the operator's lower-case name. */
  id: string;
  /** What the button says after "Continue with". */
  label: string;
  kind: ProviderKind;
  issuer: URL;
  clientId: string;
  /** Google and generic providers authenticate with a client secret. */
  clientSecret: string | undefined;
  /** Apple: the client secret is an ES256 JWT signed with this key for every token request. */
  appleKey: { teamId: string; keyId: string; privateKeyPem: string } | undefined;
  /** Further audiences accepted in ID tokens that native apps bring (iOS bundle id, Android client id). */
  appClientIds: string[];
  /** Apple answers with a form POST (it sends the person's name only that way). */
  responseMode: 'query' | 'form_post';
  scope: string;
  /** Trust the provider's `amr` claim: a sign-in it reports as multi-factor skips Workgate's second step. */
  mfaFromAmr: boolean;
}

type Env = Record<string, string | undefined>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const NAME = /^[a-z][a-z0-9-]{0,30}$/;
// Names a session's sign-in can begin with besides a provider (sessions.first_factor).
const RESERVED_NAMES = new Set(['google', 'apple', 'password', 'passkey', 'email_link']);

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Apple's .p8 keys are PKCS#8 EC keys on P-256 (ES256); anything else would fail at the first sign-in. */
function isAppleSigningKey(pem: string): boolean {
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) return false;
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/** Reads every configured provider; `problems` receives "VARIABLE: message" lines. */
export function loadOidcProviders(env: Env, problems: string[]): OidcProviderConfig[] {
  const providers: OidcProviderConfig[] = [];

  const issuer = (variable: string, fallback?: string): URL | undefined => {
    const value = nonEmpty(env[variable]) ?? fallback;
    if (!value) {
      problems.push(`${variable}: required`);
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      problems.push(`${variable}: must be a URL`);
      return undefined;
    }
    // Plain http only for a provider on this machine (development, tests): tokens must not cross a network in clear.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      problems.push(`${variable}: must start with https:// (http:// only for localhost)`);
      return undefined;
    }
    return url;
  };
  const required = (variable: string): string | undefined => {
    const value = nonEmpty(env[variable]);
    if (!value) problems.push(`${variable}: required when the provider is configured`);
    return value;
  };

  const googleClientId = nonEmpty(env.GOOGLE_CLIENT_ID);
  if (googleClientId) {
    const url = issuer('GOOGLE_ISSUER', 'https://accounts.google.com');
    const secret = required('GOOGLE_CLIENT_SECRET');
    if (url && secret) {
      providers.push({
        id: 'google',
        label: 'Google',
        kind: 'google',
        issuer: url,
        clientId: googleClientId,
        clientSecret: secret,
        appleKey: undefined,
        appClientIds: list(env.GOOGLE_APP_CLIENT_IDS),
        responseMode: 'query',
        scope: 'openid email profile',
        mfaFromAmr: false,
      });
    }
  }

  const appleClientId = nonEmpty(env.APPLE_CLIENT_ID);
  if (appleClientId) {
    const url = issuer('APPLE_ISSUER', 'https://appleid.apple.com');
    const teamId = required('APPLE_TEAM_ID');
    const keyId = required('APPLE_KEY_ID');
    // Environment files often hold a PEM on one line with literal "\n".
    const privateKeyPem = required('APPLE_PRIVATE_KEY')?.replaceAll('\\n', '\n');
    if (privateKeyPem && !isAppleSigningKey(privateKeyPem)) {
      problems.push('APPLE_PRIVATE_KEY: must be the PKCS#8 PEM of the .p8 key file (an EC P-256 key, "-----BEGIN PRIVATE KEY-----")');
    } else if (url && teamId && keyId && privateKeyPem) {
      providers.push({
        id: 'apple',
        label: 'Apple',
        kind: 'apple',
        issuer: url,
        clientId: appleClientId,
        clientSecret: undefined,
        appleKey: { teamId, keyId, privateKeyPem },
        appClientIds: list(env.APPLE_APP_CLIENT_IDS),
        responseMode: 'form_post',
        scope: 'openid email name',
        mfaFromAmr: false,
      });
    }
  }

  for (const name of list(env.OIDC_PROVIDERS)) {
    if (!NAME.test(name) || RESERVED_NAMES.has(name)) {
      problems.push(`OIDC_PROVIDERS: "${name}" must be lower-case letters, digits and dashes, and not google, apple, password or passkey`);
      continue;
    }
    const prefix = `OIDC_${name.toUpperCase().replaceAll('-', '_')}_`;
    const url = issuer(`${prefix}ISSUER`);
    const clientId = required(`${prefix}CLIENT_ID`);
    const secret = required(`${prefix}CLIENT_SECRET`);
    if (url && clientId && secret) {
      providers.push({
        id: name,
        label: nonEmpty(env[`${prefix}LABEL`]) ?? name,
        kind: 'oidc',
        issuer: url,
        clientId,
        clientSecret: secret,
        appleKey: undefined,
        appClientIds: list(env[`${prefix}APP_CLIENT_IDS`]),
        responseMode: 'query',
        scope: nonEmpty(env[`${prefix}SCOPE`]) ?? 'openid email profile',
        mfaFromAmr: env[`${prefix}MFA_FROM_AMR`] === 'true',
      });
    }
  }
  return providers;
}
