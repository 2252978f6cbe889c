/**
 * Native apps sign in with the provider's own SDK (Sign in with Apple on iOS, Google Sign-In
 * on Android) and bring the ID token here. jose checks its signature against the provider's
 * published keys, the issuer, the audience (the web client id or one of the app client ids),
 * the expiry, and the nonce: one Workgate issued for this provider in the last 10 minutes,
 * usable once, so a token lifted from another app or an old sign-in does not work here.
 * Apple's SDK is given the nonce's SHA-256 and puts that in the token; both forms are accepted.
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OidcProviderConfig } from '../../../../config.js';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import { personFromClaims, type ProviderPerson } from './provider-claims.js';
import { providerClient } from './provider-clients.js';
import { takeNonce } from './provider-flow-state.js';
import { refuseProviderSignIn } from './provider-refusal.js';

const keySets = new WeakMap<OidcProviderConfig, ReturnType<typeof createRemoteJWKSet>>();
const CLOCK_TOLERANCE_S = 60;
/** Providers sign ID tokens with their private keys; a symmetric or unsigned token is refused whatever its header says. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

async function keySetOf(deps: Deps, provider: OidcProviderConfig) {
  let keys = keySets.get(provider);
  if (!keys) {
    const { configuration } = await providerClient(deps.config, provider);
    const jwksUri = configuration.serverMetadata().jwks_uri;
    if (!jwksUri) throw new AppError('oidc_unavailable');
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 });
    keySets.set(provider, keys);
  }
  return keys;
}

const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** The person an app's ID token vouches for; 401 invalid_id_token (audited with the reason) otherwise. */
export async function verifyAppIdToken(
  deps: Deps,
  provider: OidcProviderConfig,
  input: { idToken: string; nonce: string; name?: string | undefined },
  context: RequestContext,
): Promise<ProviderPerson> {
  const refuse = (reason: string) => refuseProviderSignIn(deps, context, provider, { code: 'invalid_id_token', reason, client: 'app' });
  const { configuration } = await providerClient(deps.config, provider);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(input.idToken, await keySetOf(deps, provider), {
      // Google documents both spellings of its issuer in ID tokens.
      issuer: provider.kind === 'google' ? [configuration.serverMetadata().issuer, 'accounts.google.com'] : configuration.serverMetadata().issuer,
      algorithms: ASYMMETRIC_ALGORITHMS,
      audience: [provider.clientId, ...provider.appClientIds],
      currentDate: deps.clock.now(),
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
    }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    return refuse(typeof code === 'string' ? code : 'invalid_token');
  }
  const nonce = String(payload.nonce);
  if (nonce !== input.nonce && nonce !== sha256Hex(input.nonce)) return refuse('nonce_mismatch');
  // Spent by the first token that passes every other check: the same token a second time finds no nonce.
  if (!(await takeNonce(deps, provider.id, input.nonce))) return refuse('unknown_nonce');
  const person = personFromClaims(payload as Record<string, unknown>);
  return input.name && !person.name ? { ...person, name: input.name } : person;
}
