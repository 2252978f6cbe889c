/**
 * Request and response shapes of sign-in with Google, Apple and any other OpenID provider,
 * for the server, the web app and native clients.
 *
 * Browser flow: the page asks POST /auth/oidc/:provider/authorize for the provider's URL (the
 * answer binds the attempt to this browser by a short-lived cookie) and navigates there; the
 * provider sends the person back to /auth/oidc/:provider/callback, which leaves its outcome
 * behind another short-lived cookie and sends the browser to /login/provider. That page reads GET /auth/oidc/outcome,
 * so no secret (second-step challenge, sign-up ticket) ever travels in a URL. A failure is
 * told in the URL instead: /login/provider?error=<code>.
 */
import { z } from 'zod';
import { MfaRequiredSchema, NameSchema, ProviderSchema, RoleSchema, SecondFactorMethodSchema, TokenSchema, UserSchema } from './contracts.js';

/** A configured provider's id as used in paths: 'google', 'apple', or an operator's own name. */
export const ProviderIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'Unknown provider.');

/** Path parameters of the routes under /auth/oidc/:provider. */
export const ProviderParamsSchema = z.strictObject({ provider: ProviderIdSchema });

// Defined with the session list, which names the provider a session began with.
export { ProviderKindSchema, ProviderSchema, type Provider, type ProviderKind } from './contracts.js';

/** GET /auth/providers: the configured providers, in the order their buttons are shown. */
export const ProviderListSchema = z.object({ providers: z.array(ProviderSchema) });

export const ProviderIntentSchema = z.enum(['login', 'link', 'reauthenticate']);
export type ProviderIntent = z.infer<typeof ProviderIntentSchema>;

/**
 * POST /auth/oidc/:provider/authorize. `login` (the default) signs in or signs up; `link`
 * connects the provider to the signed-in account and `reauthenticate` confirms it is you
 * (both need a session; `link` also a recent sign-in, so it can answer 403
 * reauthentication_required). `next` is a path on this site to continue to afterwards.
 */
export const ProviderAuthorizeSchema = z
  .strictObject({
    intent: ProviderIntentSchema.optional(),
    rememberMe: z.boolean().optional(),
    next: z.string().max(2048).optional(),
  })
  .nullish();
export const ProviderAuthorizationSchema = z.object({ authorizationUrl: z.string() });

const base = { provider: ProviderSchema };

/** GET /auth/oidc/outcome: what the last provider callback in this browser came to. */
export const ProviderOutcomeSchema = z.discriminatedUnion('outcome', [
  /** Signed in: the session cookie was set by the callback. */
  z.object({ outcome: z.literal('signed_in'), ...base, user: UserSchema, next: z.string() }),
  /** The account has a second factor: finish with POST /auth/login/mfa like a password login. */
  z.object({
    outcome: z.literal('mfa_required'),
    ...base,
    challenge: z.string(),
    methods: z.array(SecondFactorMethodSchema),
    expiresAt: z.string(),
    next: z.string(),
  }),
  /** No account yet: choose freelancer or client, then POST /auth/oidc/signup. */
  z.object({ outcome: z.literal('signup_required'), ...base, email: z.string(), name: z.string() }),
  /**
   * An account with this address exists: log in to it (password, passkey) in this browser and
   * the provider is connected, or ask for a mail link with POST /auth/oidc/link/email.
   */
  z.object({ outcome: z.literal('link_required'), ...base, email: z.string() }),
  /** Connected to the signed-in account (intent link). */
  z.object({ outcome: z.literal('linked'), ...base, next: z.string() }),
  /** Confirmed it is you (intent reauthenticate): sensitive changes are open for 10 minutes. */
  z.object({ outcome: z.literal('reauthenticated'), ...base, next: z.string() }),
]);
export type ProviderOutcome = z.infer<typeof ProviderOutcomeSchema>;

/**
 * POST /auth/oidc/signup: creates the account the provider vouched for. Browsers are
 * identified by the outcome cookie; native apps send the `signupToken` they were given.
 */
export const ProviderSignupSchema = z.strictObject({
  role: RoleSchema,
  name: NameSchema,
  acceptTerms: z.literal(true, 'Accept the terms to continue.'),
  signupToken: TokenSchema.optional(),
});

/** POST /auth/oidc/link/confirm: the token from the "connect your account" mail. */
export const ProviderLinkConfirmSchema = z.strictObject({ token: TokenSchema });
export const ProviderLinkedSchema = z.object({ provider: ProviderSchema });

/** POST /auth/oidc/:provider/nonce: a single-use nonce for a native app's own provider sign-in (10 minutes). */
export const ProviderNonceSchema = z.object({ nonce: z.string(), expiresAt: z.string() });

/**
 * POST /auth/oidc/:provider/token: an ID token a native app obtained itself (Sign in with
 * Apple on iOS, Google Sign-In on Android) with a nonce from /nonce (Apple's apps pass its
 * SHA-256; both forms are accepted). Apple tells the name only on the first authorization.
 */
export const ProviderTokenLoginSchema = z.strictObject({
  idToken: z.string().min(1).max(16_384),
  nonce: TokenSchema,
  name: NameSchema.optional(),
});

/** A native app's first sign-in with a provider: no account yet; finish with POST /auth/oidc/signup. */
export const ProviderSignupRequiredSchema = z.object({
  signupRequired: z.literal(true),
  signupToken: z.string(),
  provider: ProviderSchema,
  email: z.string(),
  name: z.string(),
});

export { MfaRequiredSchema };

export const IdentitySchema = z.object({
  id: z.uuid(),
  provider: ProviderSchema,
  /** The address the provider gave when the identity was connected or last used. */
  email: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /**
   * Connected after a sign-in the owner reported as not theirs: it signs no one in until the
   * owner keeps it (POST /account/identities/{id}/keep) or disconnects it.
   */
  held: z.boolean(),
});
export type Identity = z.infer<typeof IdentitySchema>;

/** GET /account/identities: connected providers, and what else can sign this account in. */
export const IdentityListSchema = z.object({
  identities: z.array(IdentitySchema),
  /** Providers configured on this deployment that are not connected yet. */
  available: z.array(ProviderSchema),
  hasPassword: z.boolean(),
  passkeyCount: z.number().int(),
});
export type IdentityList = z.infer<typeof IdentityListSchema>;

export const IdentityIdParamsSchema = z.strictObject({ id: z.uuid() });
