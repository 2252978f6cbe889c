/**
 * Request and response shapes of the account API, shared by the server, the web app and
 * any client. Objects are strict: an unknown field is a validation error, never stored.
 */
import { z } from 'zod';

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

export const SecondFactorMethodSchema = z.enum(['totp', 'recovery_code', 'email_code', 'sms_code']);

/** Answer of a login whose account has a second factor: complete it with POST /auth/login/mfa. */
export const MfaRequiredSchema = z.object({
  mfaRequired: z.literal(true),
  challenge: z.string(),
  methods: z.array(SecondFactorMethodSchema),
  expiresAt: z.string(),
});

export const CompleteMfaSchema = z.strictObject({
  challenge: TokenSchema,
  method: SecondFactorMethodSchema,
  code: z.string().min(1).max(64),
});

export const SendMfaCodeSchema = z.strictObject({ challenge: TokenSchema, method: SecondFactorMethodSchema });

export const ReauthenticateSchema = z.union([
  z.strictObject({ password: PasswordInputSchema }),
  z.strictObject({ method: SecondFactorMethodSchema, code: z.string().min(1).max(64) }),
]);

export const TotpEnrollmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() });
export const CodeSchema = z.strictObject({ code: z.string().min(1).max(64) });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const MfaStatusSchema = z.object({
  methods: z.array(SecondFactorMethodSchema),
  recoveryCodesRemaining: z.number(),
  totp: z.boolean(),
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

export const TokenResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema });

export const DeviceSchema = z.object({
  browser: z.string().nullable(),
  os: z.string().nullable(),
  type: z.string(),
});

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
});
