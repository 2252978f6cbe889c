/**
 * The native apps' settings (native-apps-config.ts): origins derived from Android signing
 * certificates as Android reports them, and bad values stop the start naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { androidOrigin } from '../src/server/native-apps-config.js';

const base = { NODE_ENV: 'test', PUBLIC_URL: 'https://workgate.example' };

describe('native apps configuration', () => {
  it('derives the apk-key-hash origin: the certificate SHA-256 in unpadded base64url', () => {
    // 32 bytes 0x00..0x1f: base64url of those bytes.
    const fingerprint = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');
    expect(androidOrigin(fingerprint)).toBe('android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8');
  });

  it('accepts the web origin first, then the configured and derived app origins', () => {
    const config = loadConfig({
      ...base,
      PASSKEY_ALLOWED_ORIGINS: 'https://app.workgate.example, android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
      ANDROID_APP_PACKAGE: 'dev.workgate.app',
      ANDROID_APP_CERT_SHA256: Array(32).fill('ab').join(':'),
    });
    expect(config.nativeApps.passkeyOrigins).toEqual([
      'https://workgate.example',
      'https://app.workgate.example',
      'android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
      androidOrigin(Array(32).fill('AB').join(':')),
    ]);
    expect(loadConfig(base).nativeApps).toEqual({ passkeyOrigins: ['https://workgate.example'], appleAppIds: [], android: undefined });
  });

  it('refuses origins that are not https origins or Android key hashes, and half an Android setting', () => {
    for (const bad of ['http://evil.example', 'https://workgate.example/path', '*', 'android:apk-key-hash:short']) {
      expect(() => loadConfig({ ...base, PASSKEY_ALLOWED_ORIGINS: bad }), bad).toThrow(/PASSKEY_ALLOWED_ORIGINS/);
    }
    expect(() => loadConfig({ ...base, ANDROID_APP_CERT_SHA256: Array(32).fill('AB').join(':') })).toThrow(/ANDROID_APP_PACKAGE/);
    expect(() => loadConfig({ ...base, ANDROID_APP_PACKAGE: 'dev.workgate.app', ANDROID_APP_CERT_SHA256: 'AB:CD' })).toThrow(/ANDROID_APP_CERT_SHA256/);
    expect(() => loadConfig({ ...base, APPLE_APP_IDS: 'dev.workgate.app' })).toThrow(/APPLE_APP_IDS/);
  });
});
