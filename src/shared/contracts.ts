/**
 * Request and response shapes of the account API, shared by the server, the web app and
 * any client. Objects are strict: an unknown field is a validation error, never stored.
 */
import { z } from 'zod';
import { SMS_SIM_SWAP_WARNING } from './sms-warning.js';

// C0/C1 control characters (NUL included) and the bidirectional overrides and isolates that
// can make a name display as something else. Ordinary right-to-left text stays allowed.
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

const noControlCharacters = (value: string) => !FORBIDDEN_CHARACTERS.test(value);

export const EmailSchema = z
  .string()
  .max(320)
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254));

export const NameSchema = z
  .string()
  .max(200)
  .trim()
  .min(1, 'Enter your name.')
  .max(100, 'Use at most 100 characters.')
  .refine(noControlCharacters, 'Remove control or direction-override characters.');

/** Raw password as typed; length and strength rules run after NFKC normalization. */
export const PasswordInputSchema = z
  .string()
  .min(1, 'Enter a password.')
  .max(1024, 'Use at most 128 characters.')
  .refine(noControlCharacters, 'Remove control characters.');

export const RoleSchema = z.enum(['freelancer', 'client']);
export type Role = z.infer<typeof RoleSchema>;

export const TokenSchema = z.string().min(1).max(256);

export const SignupSchema = z.strictObject({
  email: EmailSchema,
  password: PasswordInputSchema,
  name: NameSchema,
  role: RoleSchema,
});
export type Signup = z.infer<typeof SignupSchema>;

export const VerifyEmailSchema = z.strictObject({ token: TokenSchema });
export const EmailOnlySchema = z.strictObject({ email: EmailSchema });

export const LoginSchema = z.strictObject({
  email: EmailSchema,
  password: PasswordInputSchema,
  rememberMe: z.boolean().optional(),
});
export type Login = z.infer<typeof LoginSchema>;

export const SecondFactorMethodSchema = z.enum(['totp', 'recovery_code', 'email_code', 'sms_code', 'passkey']);

/** A second-step answer: a typed code, or for 'passkey' the JSON of a WebAuthn assertion. */
const SecondFactorAnswerSchema = z.string().min(1).max(16_384);
const answerFits = (value: { method: string; code: string }) => value.method === 'passkey' || value.code.length <= 64;
const ANSWER_TOO_LONG = { path: ['code'], message: 'Use at most 64 characters.' };

/** Answer of a login whose account has a second factor: complete it with POST /auth/login/mfa. */
export const MfaRequiredSchema = z.object({
  mfaRequired: z.literal(true),
  challenge: z.string(),
  methods: z.array(SecondFactorMethodSchema),
  expiresAt: z.string(),
  /**
   * `new_device`: the account has no second step, but this device and its network are new to
   * it, so a code was mailed to the account's address (methods is ['email_code']).
   */
  reason: z.literal('new_device').optional(),
});

export const CompleteMfaSchema = z
  .strictObject({
    challenge: TokenSchema,
    method: SecondFactorMethodSchema,
    code: SecondFactorAnswerSchema,
  })
  .refine(answerFits, ANSWER_TOO_LONG);

export const SendMfaCodeSchema = z.strictObject({ challenge: TokenSchema, method: SecondFactorMethodSchema });

export const ReauthenticateSchema = z.union([
  z.strictObject({ password: PasswordInputSchema }),
  z.strictObject({ method: SecondFactorMethodSchema, code: SecondFactorAnswerSchema }).refine(answerFits, ANSWER_TOO_LONG),
]);

export const TotpEnrollmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() });
export const CodeSchema = z.strictObject({ code: z.string().min(1).max(64) });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
/** POST /account/mfa/sms: the recovery codes, and the SIM-swap warning to show. */
export const SmsCodesOnSchema = RecoveryCodesSchema.extend({
  warning: z.object({ code: z.literal(SMS_SIM_SWAP_WARNING.code), message: z.string() }),
});
/** A phone number as typed; `country` (ISO 3166 alpha-2) reads national formats such as "07400 123456". */
export const PhoneInputSchema = z.strictObject({
  phone: z.string().trim().min(1, 'Enter a phone number.').max(40, 'Use at most 40 characters.'),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, 'Use a two-letter country code, e.g. GB.')
    .optional(),
});
/** The account's phone number in E.164, and whether a code sent to it came back. */
export const PhoneStatusSchema = z.object({ phone: z.string(), verified: z.boolean() });
/** Asks for a code by mail or SMS to confirm it is you (step-up). */
export const SendReauthenticationCodeSchema = z.strictObject({ method: SecondFactorMethodSchema });

export const MfaStatusSchema = z.object({
  methods: z.array(SecondFactorMethodSchema),
  recoveryCodesRemaining: z.number(),
  /** The unused codes are of the older, shorter kind (80 bits): they work, but a new set should replace them. */
  recoveryCodesOutdated: z.boolean(),
  totp: z.boolean(),
  /** Codes by mail are turned on. */
  emailCode: z.boolean(),
  /** Codes by SMS are turned on (and the phone is confirmed). */
  smsCode: z.boolean(),
  phone: PhoneStatusSchema.nullable(),
});

export const TokenLoginSchema = z.strictObject({ email: EmailSchema, password: PasswordInputSchema });

export const ResetPasswordSchema = z.strictObject({ token: TokenSchema, password: PasswordInputSchema });

export const ChangePasswordSchema = z.strictObject({
  currentPassword: PasswordInputSchema,
  newPassword: PasswordInputSchema,
});

// Nullish: a POST without a body reaches the validator as null, and the body is optional.
export const RevokeAllSchema = z.strictObject({ includeCurrent: z.boolean().optional() }).nullish();

export const SessionIdParamsSchema = z.strictObject({ id: z.uuid() });

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  emailVerified: z.boolean(),
  createdAt: z.string(),
  /** Holds the admin role (the console still needs a second factor and a recent sign-in). */
  isAdmin: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const UserResponseSchema = z.object({ user: UserSchema });

export const SessionResponseSchema = z.object({
  user: UserSchema,
  session: z.object({
    id: z.uuid(),
    createdAt: z.string(),
    expiresAt: z.string(),
    rememberMe: z.boolean(),
  }),
});

export const TokenResponseSchema = z.object({
  /** The access token: send it as `Authorization: Bearer <token>`. */
  token: z.string(),
  /** When the access token ends unless used before (it slides with use up to the session's hard limit). */
  expiresAt: z.string(),
  /** Trade it once at POST /auth/token/refresh for a new token and refreshToken; a second use ends the session. */
  refreshToken: z.string(),
  user: UserSchema,
});

/** POST /auth/token/refresh: the refreshToken of the latest token answer. */
export const TokenRefreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/**
 * The header a native app keeps its device token in: sent with every sign-in, and answered by
 * token sign-ins (set it from the answer's header of the same name). It authenticates nothing;
 * it tells the lockout and new-device alerts which device signs in.
 */
export const DeviceTokenHeadersSchema = z.object({
  'x-device-token': z.string().max(200).optional().describe('The device token of this installation, as the last token answer gave it'),
});

/** A bearer client's new session token after a step-up: the token it sent stops working. */
export const ReauthenticatedSchema = z.object({ token: z.string(), expiresAt: z.string() });

export const DeviceSchema = z.object({
  browser: z.string().nullable(),
  os: z.string().nullable(),
  type: z.string(),
});

export const ProviderKindSchema = z.enum(['google', 'apple', 'oidc']);
export type ProviderKind = z.infer<typeof ProviderKindSchema>;

export const ProviderSchema = z.object({ id: z.string(), label: z.string(), kind: ProviderKindSchema });
export type Provider = z.infer<typeof ProviderSchema>;

export const SessionListSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.uuid(),
      current: z.boolean(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      device: DeviceSchema,
      rememberMe: z.boolean(),
      client: z.enum(['browser', 'app']),
      /** How the session's sign-in began; null for sessions older than this record. */
      signedInWith: z
        .object({
          method: z.enum(['password', 'passkey', 'email_link', 'provider']),
          provider: ProviderSchema.nullable(),
        })
        .nullable(),
    }),
  ),
});

/** 204 answers carry no body. */
export const NoContentSchema = z.null().describe('No content');

export const AcceptedSchema = z.object({ status: z.string() });
export const OkSchema = z.object({ status: z.literal('ok') });

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  retryAfterSeconds: z.number().optional(),
  /** Where the person can reach support (account_suspended). */
  supportUrl: z.string().optional(),
});

// Passkeys (WebAuthn). Options and responses are the JSON forms that @simplewebauthn/browser
// takes and gives (PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON, …).
const Base64URLSchema = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*$/, 'Expected base64url.');
const TransportsSchema = z.array(z.string().max(32)).max(10);
const ExtensionResultsSchema = z.record(z.string(), z.unknown());
const AttachmentSchema = z.enum(['platform', 'cross-platform']);

export const PasskeyNameSchema = z
  .string()
  .max(200)
  .trim()
  .min(1, 'Enter a name.')
  .max(60, 'Use at most 60 characters.')
  .refine(noControlCharacters, 'Remove control or direction-override characters.');

/** What navigator.credentials.create() gave, as @simplewebauthn/browser's startRegistration() answers it. */
export const RegistrationResponseSchema = z.strictObject({
  id: Base64URLSchema,
  rawId: Base64URLSchema,
  response: z.strictObject({
    clientDataJSON: Base64URLSchema,
    attestationObject: Base64URLSchema,
    authenticatorData: Base64URLSchema.optional(),
    transports: TransportsSchema.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: Base64URLSchema.optional(),
  }),
  authenticatorAttachment: AttachmentSchema.optional(),
  clientExtensionResults: ExtensionResultsSchema,
  type: z.literal('public-key'),
});

/** What navigator.credentials.get() gave, as @simplewebauthn/browser's startAuthentication() answers it. */
export const AuthenticationResponseSchema = z.strictObject({
  id: Base64URLSchema,
  rawId: Base64URLSchema,
  response: z.strictObject({
    clientDataJSON: Base64URLSchema,
    authenticatorData: Base64URLSchema,
    signature: Base64URLSchema,
    userHandle: Base64URLSchema.optional(),
  }),
  authenticatorAttachment: AttachmentSchema.optional(),
  clientExtensionResults: ExtensionResultsSchema,
  type: z.literal('public-key'),
});

const CredentialDescriptorSchema = z.looseObject({ id: z.string(), type: z.string(), transports: TransportsSchema.optional() });

/** Options for navigator.credentials.create(), to hand to startRegistration({ optionsJSON }). */
export const PasskeyCreationOptionsSchema = z.looseObject({
  challenge: z.string(),
  rp: z.looseObject({ name: z.string(), id: z.string().optional() }),
  user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.string() })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(CredentialDescriptorSchema).optional(),
  authenticatorSelection: z.looseObject({}).optional(),
  attestation: z.string().optional(),
  extensions: z.looseObject({}).optional(),
});

export type PasskeyCreationOptions = z.infer<typeof PasskeyCreationOptionsSchema>;

/** Options for navigator.credentials.get(), to hand to startAuthentication({ optionsJSON }). */
export const PasskeyRequestOptionsSchema = z.looseObject({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(CredentialDescriptorSchema).optional(),
  userVerification: z.string().optional(),
  extensions: z.looseObject({}).optional(),
});

export type PasskeyRequestOptions = z.infer<typeof PasskeyRequestOptionsSchema>;

/** Register a passkey: the name is optional (a default is derived from the authenticator and device). */
export const AddPasskeySchema = z.strictObject({ name: PasskeyNameSchema.optional(), response: RegistrationResponseSchema });
export const RenamePasskeySchema = z.strictObject({ name: PasskeyNameSchema });
export const PasskeyLoginSchema = z.strictObject({ response: AuthenticationResponseSchema, rememberMe: z.boolean().optional() });
/**
 * A native app's passkey sign-in: the options for the platform's passkey API, and the ceremony
 * id to send back with the assertion (what the browser's 5-minute cookie does for the web app).
 */
export const AppPasskeyOptionsSchema = z.object({ ceremony: z.string(), options: PasskeyRequestOptionsSchema });
export const AppPasskeyLoginSchema = z.strictObject({ ceremony: TokenSchema, response: AuthenticationResponseSchema });
/** Options for a passkey as the second step of a login, for the challenge of that login. */
export const PasskeyMfaOptionsSchema = z.strictObject({ challenge: TokenSchema });

export const PasskeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** multiDevice: synced (e.g. iCloud Keychain, Google Password Manager); singleDevice: bound to one authenticator. */
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  backedUp: z.boolean(),
  /**
   * Added after a sign-in the owner reported as not theirs: it answers a second step but does
   * not sign in alone until the owner keeps it (POST /account/passkeys/{id}/keep) or removes it.
   */
  held: z.boolean(),
});
export const PasskeyListSchema = z.object({ passkeys: z.array(PasskeySchema) });
export const PasskeyResponseSchema = z.object({ passkey: PasskeySchema });
/** recoveryCodes is non-empty only when the account had none: this passkey turned on the second step. */
export const AddedPasskeySchema = z.object({ passkey: PasskeySchema, recoveryCodes: z.array(z.string()) });
export const PasskeyIdParamsSchema = z.strictObject({ id: z.uuid() });

// --- Lockout, alerts, security activity and email change ---

/** A mail-link secret posted back by the page the link opens (unlock, not-me, email change). */
export const MailTokenSchema = z.strictObject({ token: TokenSchema });

const ActivityCursorSchema = z.string().regex(/^\d{1,18}$/, 'Use the nextCursor value of the previous page.');
export const ActivityQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** The `nextCursor` of the previous page: only older events are listed. */
    cursor: ActivityCursorSchema.optional(),
    /** Older name of `cursor`, still accepted (docs/api.md, "Conventions"). */
    before: z
      .string()
      .regex(/^\d{1,18}$/, 'Use the nextBefore value of the previous page.')
      .optional()
      .meta({ deprecated: true, description: 'Older name of cursor' }),
  })
  .refine((q) => q.cursor === undefined || q.before === undefined || q.cursor === q.before, {
    message: 'Send cursor alone; before is its older name.',
    path: ['cursor'],
  });

export const ActivityEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The audit event, e.g. login_succeeded, login_failed, password_changed, account_locked. */
  event: z.string(),
  ip: z.string().nullable(),
  device: DeviceSchema,
  /** Non-secret facts about the event (method, reason, …); never tokens or session ids. */
  summary: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const ActivityListSchema = z.object({
  events: z.array(ActivityEventSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** The same value under its older name, for clients that send `before`. */
  nextBefore: z.string().nullable().meta({ deprecated: true, description: 'Older name of nextCursor' }),
});

export const EmailChangeSchema = z.strictObject({ newEmail: EmailSchema });
