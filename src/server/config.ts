/**
 * The environment, read once, validated, turned into a typed object.
 * Nothing else in the server reads `process.env`; tests build a Config directly.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { parseSecretBoxKey } from './platform/secret-box.js';
import { loadOidcProviders, type OidcProviderConfig } from './oidc-config.js';
import { NativeAppsEnvSchema, nativeAppsConfig, type NativeAppsConfig } from './native-apps-config.js';

export type { OidcProviderConfig };

/** A limit of `max` requests per `windowSeconds`, written "max/windowSeconds" in the environment. */
export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

export interface Config {
  /** Port and interface to listen on. */
  port: number;
  host: string;
  /** Where people reach the app; links in mail and the CSRF origin check use it. */
  publicUrl: URL;
  /** Folder of the embedded PGlite database; unused when databaseUrl is set. */
  dataDir: string;
  /** Shared buffers of the embedded PGlite database, in MB. */
  pgliteSharedBuffersMb: number;
  /** postgres://… selects a PostgreSQL server instead of embedded PGlite. */
  databaseUrl: string | undefined;
  /** Connections each instance keeps to PostgreSQL. */
  databasePoolSize: number;
  /** Longest wait for a PostgreSQL connection (a free pooled one or a new one), in seconds. */
  databaseConnectTimeoutSeconds: number;
  /** PostgreSQL statement_timeout for requests, in seconds. */
  databaseStatementTimeoutSeconds: number;
  /** redis://… shares rate-limit counters between instances. */
  redisUrl: string | undefined;
  /** Longest wait for a Redis connection and for a command's answer, in seconds. */
  redisTimeoutSeconds: number;
  /** smtp://… or smtps://… sends real mail; otherwise the dev outbox keeps it. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** SMS provider endpoint and its key; without them the dev outbox keeps text messages. */
  sms: { providerUrl: URL; apiKey: string } | undefined;
  /** Key that encrypts authenticator-app secrets at rest; without it they are stored as they are. */
  totpSecretKey: Uint8Array | undefined;
  /** Fastify trustProxy: true, a hop count, or a list of addresses. */
  trustProxy: boolean | number | string;
  /** Whether the dev mail viewer and other development aids are served. */
  devTools: boolean;
  logLevel: string;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** The stop sequence on SIGTERM (http/graceful-stop.ts). */
  shutdown: {
    /** How long the server goes on answering after readiness turns 503, before it stops listening. */
    drainSeconds: number;
    /** How long requests in flight may take after that before their connections are cut. */
    timeoutSeconds: number;
  };
  session: {
    /** Lifetime of a session without "remember me". */
    ttlHours: number;
    /** Sliding lifetime of a "remember me" session and of a native-app token. */
    rememberDays: number;
    /** A session without "remember me" ends when unused this long. */
    idleMinutes: number;
    /** However much it is used, a "remember me" session or app token ends this long after its sign-in. */
    absoluteDays: number;
    /** A session a provider began ends this long after its sign-in at the latest, for a fresh provider sign-in. */
    providerMaxDays: number;
    /** Live sessions one account may hold; a sign-in beyond it ends the one unused longest. */
    maxPerAccount: number;
  };
  rateLimits: {
    signup: RateLimitRule;
    login: RateLimitRule;
    token: RateLimitRule;
    resend: RateLimitRule;
    forgot: RateLimitRule;
    verify: RateLimitRule;
    reset: RateLimitRule;
    /** WebAuthn options for passkey sign-in and second steps (each stores a challenge for 5 minutes). */
    passkeyOptions: RateLimitRule;
    /** Support tickets opened and replied to (anonymous people can open them). */
    support: RateLimitRule;
    /** Provider sign-ins started, callbacks and native ID-token exchanges (each may call the provider). */
    provider: RateLimitRule;
  };
  /** Account lockout and failed-login limits (modules/security/lockout.ts). */
  lockout: {
    /** Consecutive wrong passwords from unknown devices that lock an account's password login from unknown devices. */
    maxFailures: number;
    /** Consecutive wrong passwords from one known device that lock that device (its own counter). */
    knownDeviceMaxFailures: number;
    /** How long a lock lasts. */
    lockMinutes: number;
    /** Failed logins one IP may make (IPv6 counted per /64). */
    failuresPerIp: RateLimitRule;
    /** Failed logins from unknown devices the whole deployment accepts before answering 429. */
    failuresGlobal: RateLimitRule;
  };
  /** How long a device that signed in stays known (its cookie's lifetime, renewed at each sign-in). */
  knownDeviceDays: number;
  /**
   * A password sign-in of an account without a second step, from an unknown device on a network
   * the account has not used, must also enter a code mailed to the account's address
   * (modules/auth/flows/new-device-check.ts).
   */
  emailCodeForNewDevices: boolean;
  /** Where new passwords are checked against breaches (methods/password/breach-check.ts). */
  passwordBreach: {
    /** 'offline': the bundled list only; 'hibp': Have I Been Pwned's range API first, the bundled list when it fails. */
    api: 'offline' | 'hibp';
    /** The range API's base; the first five hex digits of the password's SHA-1 are appended. */
    apiUrl: string;
    /** How long one range request may take before the bundled list answers instead. */
    timeoutMs: number;
  };
  /** Google, Apple and other OpenID providers people can sign in with (oidc-config.ts). */
  oidcProviders: OidcProviderConfig[];
  /** Where uploaded files go: a folder under DATA_DIR, or an S3-compatible bucket when S3_* is set. */
  fileStorage: FileStorageConfig;
  /** Uploads one person may make per window (photos, portfolio files). */
  uploadRateLimit: RateLimitRule;
  /** Whether the first start on an empty embedded database fills it with demo profiles. */
  demoDataOnFirstStart: boolean;
  /** Passkey origins and /.well-known/ associations of the iOS and Android apps (native-apps-config.ts). */
  nativeApps: NativeAppsConfig;
}

/** A folder on disk, or an S3-compatible bucket (AWS, MinIO, R2, ...). */
export type FileStorageConfig =
  | { kind: 'disk'; dir: string }
  | { kind: 's3'; endpoint: URL; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };

const rateLimitRule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx): RateLimitRule => {
      const match = /^(\d+)\/(\d+)$/.exec(value.trim());
      const max = Number(match?.[1]);
      const windowSeconds = Number(match?.[2]);
      if (!match || max < 1 || windowSeconds < 1) {
        ctx.addIssue({ code: 'custom', message: 'expected "max/windowSeconds", e.g. "10/60"' });
        return z.NEVER;
      }
      return { max, windowSeconds };
    });

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(1).max(1024).default(16),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(5),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(10),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  REDIS_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(60).default(2),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
  MAIL_FROM: z.string().min(3).default('Workgate <no-reply@workgate.localhost>'),
  SMS_PROVIDER_URL: optionalUrl(['https://', 'http://']),
  SMS_API_KEY: z.string().optional(),
  TOTP_SECRET_KEY: z.string().optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value): boolean | number | string => {
      if (value === undefined || value === '' || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      return value;
    }),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(5),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(20),
  SESSION_TTL_HOURS: z.coerce.number().min(1).max(24 * 7).default(24),
  SESSION_REMEMBER_DAYS: z.coerce.number().min(1).max(365).default(30),
  SESSION_IDLE_MINUTES: z.coerce.number().min(5).max(24 * 60).default(60),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().min(1).max(400).default(90),
  SESSION_PROVIDER_MAX_DAYS: z.coerce.number().min(1).max(400).default(30),
  SESSION_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(20),
  RATE_LIMIT_SIGNUP: rateLimitRule('10/3600'),
  RATE_LIMIT_LOGIN: rateLimitRule('30/300'),
  RATE_LIMIT_TOKEN: rateLimitRule('30/300'),
  RATE_LIMIT_RESEND: rateLimitRule('5/900'),
  RATE_LIMIT_FORGOT: rateLimitRule('5/900'),
  RATE_LIMIT_VERIFY: rateLimitRule('30/300'),
  RATE_LIMIT_RESET: rateLimitRule('30/300'),
  RATE_LIMIT_PASSKEY_OPTIONS: rateLimitRule('60/300'),
  RATE_LIMIT_SUPPORT: rateLimitRule('5/3600'),
  RATE_LIMIT_PROVIDER: rateLimitRule('60/300'),
  LOCKOUT_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_KNOWN_DEVICE_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(10),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOGIN_FAILURES_PER_IP: rateLimitRule('50/900'),
  LOGIN_FAILURES_GLOBAL: rateLimitRule('1000/60'),
  KNOWN_DEVICE_DAYS: z.coerce.number().int().min(1).max(400).default(365),
  SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  PASSWORD_BREACH_API: z.enum(['offline', 'hibp']).default('offline'),
  PASSWORD_BREACH_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.pwnedpasswords.com/range/'),
  PASSWORD_BREACH_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
  S3_ENDPOINT: optionalUrl(['https://', 'http://']),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  RATE_LIMIT_UPLOAD: rateLimitRule('60/3600'),
  DEMO_DATA: z.enum(['first-start', 'off']).default('first-start'),
  ...NativeAppsEnvSchema,
}).superRefine((env, ctx) => {
  // Half an S3 configuration would silently write uploads to disk: name what is missing.
  const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  if (s3.some((name) => env[name])) {
    for (const name of s3) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when any S3_* variable is set' });
    }
  }
  // A provider without its key would fail every delivery at run time: refuse to start instead.
  if (env.SMS_PROVIDER_URL && !env.SMS_API_KEY) {
    ctx.addIssue({ code: 'custom', path: ['SMS_API_KEY'], message: 'required when SMS_PROVIDER_URL is set' });
  }
  if (env.ANDROID_APP_CERT_SHA256.length > 0 && !env.ANDROID_APP_PACKAGE) {
    ctx.addIssue({ code: 'custom', path: ['ANDROID_APP_PACKAGE'], message: 'required when ANDROID_APP_CERT_SHA256 is set' });
  }
  const totpKey = !env.TOTP_SECRET_KEY ? undefined : parseSecretBoxKey(env.TOTP_SECRET_KEY);
  if (typeof totpKey === 'string') ctx.addIssue({ code: 'custom', path: ['TOTP_SECRET_KEY'], message: totpKey });
});

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const oidcProviders = loadOidcProviders(env, problems);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid environment:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: e.DATA_DIR,
    pgliteSharedBuffersMb: e.PGLITE_SHARED_BUFFERS_MB,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseConnectTimeoutSeconds: e.DATABASE_CONNECT_TIMEOUT_SECONDS,
    databaseStatementTimeoutSeconds: e.DATABASE_STATEMENT_TIMEOUT_SECONDS,
    redisUrl: e.REDIS_URL,
    redisTimeoutSeconds: e.REDIS_TIMEOUT_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sms: e.SMS_PROVIDER_URL && e.SMS_API_KEY ? { providerUrl: new URL(e.SMS_PROVIDER_URL), apiKey: e.SMS_API_KEY } : undefined,
    totpSecretKey: !e.TOTP_SECRET_KEY ? undefined : (parseSecretBoxKey(e.TOTP_SECRET_KEY) as Uint8Array),
    trustProxy: e.TRUST_PROXY,
    devTools: e.NODE_ENV !== 'production',
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdown: { drainSeconds: e.SHUTDOWN_DRAIN_SECONDS, timeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS },
    session: {
      ttlHours: e.SESSION_TTL_HOURS,
      rememberDays: e.SESSION_REMEMBER_DAYS,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteDays: e.SESSION_ABSOLUTE_DAYS,
      providerMaxDays: e.SESSION_PROVIDER_MAX_DAYS,
      maxPerAccount: e.SESSION_MAX_PER_ACCOUNT,
    },
    rateLimits: {
      signup: e.RATE_LIMIT_SIGNUP,
      login: e.RATE_LIMIT_LOGIN,
      token: e.RATE_LIMIT_TOKEN,
      resend: e.RATE_LIMIT_RESEND,
      forgot: e.RATE_LIMIT_FORGOT,
      verify: e.RATE_LIMIT_VERIFY,
      reset: e.RATE_LIMIT_RESET,
      passkeyOptions: e.RATE_LIMIT_PASSKEY_OPTIONS,
      support: e.RATE_LIMIT_SUPPORT,
      provider: e.RATE_LIMIT_PROVIDER,
    },
    lockout: {
      maxFailures: e.LOCKOUT_MAX_FAILURES,
      knownDeviceMaxFailures: e.LOCKOUT_KNOWN_DEVICE_MAX_FAILURES,
      lockMinutes: e.LOCKOUT_MINUTES,
      failuresPerIp: e.LOGIN_FAILURES_PER_IP,
      failuresGlobal: e.LOGIN_FAILURES_GLOBAL,
    },
    knownDeviceDays: e.KNOWN_DEVICE_DAYS,
    emailCodeForNewDevices: e.SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES,
    passwordBreach: {
      api: e.PASSWORD_BREACH_API,
      apiUrl: e.PASSWORD_BREACH_API_URL.endsWith('/') ? e.PASSWORD_BREACH_API_URL : `${e.PASSWORD_BREACH_API_URL}/`,
      timeoutMs: e.PASSWORD_BREACH_API_TIMEOUT_MS,
    },
    oidcProviders,
    fileStorage:
      e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            kind: 's3',
            endpoint: new URL(e.S3_ENDPOINT),
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : { kind: 'disk', dir: join(e.DATA_DIR, 'files') },
    uploadRateLimit: e.RATE_LIMIT_UPLOAD,
    demoDataOnFirstStart: e.DEMO_DATA === 'first-start' && e.NODE_ENV !== 'production',
    nativeApps: nativeAppsConfig(publicUrl, e),
  };
}
