/**
 * The settings of Workgate's own iOS and Android apps (config.ts reads them): the origins a
 * passkey ceremony may come from besides PUBLIC_URL, and what /.well-known/ publishes so the
 * operating systems let the apps use the site's passkeys (Apple associated domains, Android
 * Digital Asset Links).
 */
import { z } from 'zod';

export interface NativeAppsConfig {
  /** Origins accepted in a passkey's clientDataJSON: PUBLIC_URL's, then the apps'. */
  passkeyOrigins: string[];
  /** App IDs ("TEAMID.bundle.id") of /.well-known/apple-app-site-association; empty: 404. */
  appleAppIds: string[];
  /** Package and signing-certificate SHA-256 fingerprints of /.well-known/assetlinks.json; undefined: 404. */
  android: { packageName: string; certFingerprints: string[] } | undefined;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const ANDROID_ORIGIN = /^android:apk-key-hash:[A-Za-z0-9_-]{43}$/;
const FINGERPRINT = /^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/;

function isWebOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.origin === value;
}

export const NativeAppsEnvSchema = {
  /** Extra passkey origins: https://host (an iOS associated domain) or android:apk-key-hash:<base64url SHA-256>. */
  PASSKEY_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => list(value))
    .refine((origins) => origins.every((o) => isWebOrigin(o) || ANDROID_ORIGIN.test(o)), {
      message: 'expected a comma-separated list of https://host origins or android:apk-key-hash:<43 base64url characters>',
    }),
  APPLE_APP_IDS: z
    .string()
    .optional()
    .transform((value) => list(value))
    .refine((ids) => ids.every((id) => /^[A-Z0-9]{10}\.[A-Za-z0-9.-]+$/.test(id)), { message: 'expected TEAMID.bundle.id, comma-separated' }),
  ANDROID_APP_PACKAGE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/, 'expected a package name such as dev.workgate.app')
    .optional(),
  ANDROID_APP_CERT_SHA256: z
    .string()
    .optional()
    .transform((value) => list(value).map((f) => f.toUpperCase()))
    .refine((prints) => prints.every((f) => FINGERPRINT.test(f)), { message: 'expected SHA-256 fingerprints as 32 colon-separated hex bytes' }),
};

/**
 * The origin Android gives a passkey ceremony of an app signed with this certificate: the
 * certificate's SHA-256 (the fingerprint's bytes) in unpadded base64url. Encoding only.
 */
export function androidOrigin(fingerprint: string): string {
  return `android:apk-key-hash:${Buffer.from(fingerprint.replaceAll(':', ''), 'hex').toString('base64url')}`;
}

export function nativeAppsConfig(
  publicUrl: URL,
  e: { PASSKEY_ALLOWED_ORIGINS: string[]; APPLE_APP_IDS: string[]; ANDROID_APP_PACKAGE?: string | undefined; ANDROID_APP_CERT_SHA256: string[] },
): NativeAppsConfig {
  // The Android app signed with a published certificate is accepted without repeating it.
  const derived = e.ANDROID_APP_PACKAGE ? e.ANDROID_APP_CERT_SHA256.map(androidOrigin) : [];
  return {
    passkeyOrigins: [...new Set([publicUrl.origin, ...e.PASSKEY_ALLOWED_ORIGINS, ...derived])],
    appleAppIds: e.APPLE_APP_IDS,
    android:
      e.ANDROID_APP_PACKAGE && e.ANDROID_APP_CERT_SHA256.length > 0
        ? { packageName: e.ANDROID_APP_PACKAGE, certFingerprints: e.ANDROID_APP_CERT_SHA256 }
        : undefined,
  };
}
