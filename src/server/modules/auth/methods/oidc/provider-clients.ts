/**
 * One openid-client Configuration per configured provider, made from the provider's
 * discovery document on first use and kept; a failed discovery is not kept, so the next
 * sign-in tries again. Apple's client secret is an ES256 JWT signed with the team's key
 * (made with jose), renewed well before its one-hour life ends.
 *
 * Every configuration checks the ID token's signature against the provider's published keys
 * (`enableNonRepudiationChecks`). openid-client leaves that out by default, since the token
 * came straight from the token endpoint over TLS (OIDC Core 3.1.3.7); ASVS 6.8.2 asks for it
 * anyway, so that whoever can alter that answer on its way (a proxy, a relay) cannot name
 * someone else. The key set is fetched once and kept, and fetched again for an unknown key id.
 */
import { importPKCS8, SignJWT } from 'jose';
import * as client from 'openid-client';
import type { Config, OidcProviderConfig } from '../../../../config.js';
import { AppError } from '../../../../http/errors.js';
import type { Provider } from '../../../../../shared/provider-contracts.js';

const DISCOVERY_TIMEOUT_SECONDS = 10;
const APPLE_SECRET_LIFETIME_S = 3600;
const APPLE_SECRET_RENEW_AFTER_MS = 30 * 60_000;

export interface ProviderClient {
  provider: OidcProviderConfig;
  configuration: client.Configuration;
  /** Call before every token request: Apple's signed client secret must be current. */
  prepareTokenRequest(): Promise<void>;
}

const clients = new WeakMap<Config, Map<string, Promise<ProviderClient>>>();

/** The public face of a provider, as the API shows it. */
export function providerView(provider: OidcProviderConfig): Provider {
  return { id: provider.id, label: provider.label, kind: provider.kind };
}

/** The configured provider of that id; 404 provider_not_configured otherwise. */
export function configuredProvider(config: Config, id: string): OidcProviderConfig {
  const provider = config.oidcProviders.find((candidate) => candidate.id === id);
  if (!provider) throw new AppError('provider_not_configured');
  return provider;
}

/** Apple's client secret: a short-lived ES256 JWT (iss team, sub client, aud Apple's issuer). */
function appleSecretSigner(provider: OidcProviderConfig) {
  const { teamId, keyId, privateKeyPem } = provider.appleKey!;
  // Imported on first use; oidc-config.ts has checked the key, and a failure still ends as oidc_failed, not a crash.
  let key: Promise<CryptoKey> | undefined;
  let current: { value: string; madeAt: number } | undefined;
  return {
    value: () => current?.value ?? '',
    async renew(audience: string): Promise<void> {
      if (current && Date.now() - current.madeAt < APPLE_SECRET_RENEW_AFTER_MS) return;
      const now = Math.floor(Date.now() / 1000);
      const value = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: keyId })
        .setIssuer(teamId)
        .setSubject(provider.clientId)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + APPLE_SECRET_LIFETIME_S)
        .sign(await (key ??= importPKCS8(privateKeyPem, 'ES256')));
      current = { value, madeAt: Date.now() };
    },
  };
}

async function discover(provider: OidcProviderConfig): Promise<ProviderClient> {
  // oidc-config.ts accepts plain http only for a provider on this machine.
  const execute = provider.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  const options = { execute, timeout: DISCOVERY_TIMEOUT_SECONDS };
  if (provider.appleKey) {
    const signer = appleSecretSigner(provider);
    // Apple takes the signed secret as client_secret_post; openid-client's auth hook is synchronous, hence renew() first.
    const auth: client.ClientAuth = (_as, _client, body) => {
      body.set('client_id', provider.clientId);
      body.set('client_secret', signer.value());
    };
    const configuration = await client.discovery(provider.issuer, provider.clientId, undefined, auth, options);
    client.enableNonRepudiationChecks(configuration);
    const audience = configuration.serverMetadata().issuer;
    return { provider, configuration, prepareTokenRequest: () => signer.renew(audience) };
  }
  const configuration = await client.discovery(
    provider.issuer,
    provider.clientId,
    undefined,
    client.ClientSecretPost(provider.clientSecret),
    options,
  );
  client.enableNonRepudiationChecks(configuration);
  return { provider, configuration, prepareTokenRequest: async () => {} };
}

/** The provider's client; 503 oidc_unavailable when its discovery document cannot be had. */
export async function providerClient(config: Config, provider: OidcProviderConfig): Promise<ProviderClient> {
  let cache = clients.get(config);
  if (!cache) clients.set(config, (cache = new Map()));
  let pending = cache.get(provider.id);
  if (!pending) {
    pending = discover(provider);
    cache.set(provider.id, pending);
    pending.catch(() => cache.delete(provider.id));
  }
  try {
    return await pending;
  } catch {
    throw new AppError('oidc_unavailable');
  }
}

/** Where a provider sends the person back. */
export function redirectUri(config: Config, provider: OidcProviderConfig): string {
  return new URL(`/api/v1/auth/oidc/${provider.id}/callback`, config.publicUrl).toString();
}
