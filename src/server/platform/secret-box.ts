/**
 * Secrets that must stay readable (an authenticator app's TOTP key) are kept in the database
 * encrypted under a key that is not in the database: JWE compact serialization with direct
 * AES-256-GCM (jose), the key named by a `kid` made from it. Without a key, values are stored
 * as they are; a value stored as it is stays readable after a key is set, so adding one
 * needs no migration: callers seal such a value the next time they use it (`isPlain`).
 */
import { createHash } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';

export interface SecretBox {
  seal(plain: string): Promise<string>;
  /** The secret of a stored value; throws when it is sealed and this box cannot open it. */
  open(stored: string): Promise<string>;
  /** Whether a stored value is unsealed although this box has a key: seal it at the next write. */
  isPlain(stored: string): boolean;
}

// A compact JWE has five base64url parts; a base32 TOTP secret has no dot at all.
const isSealed = (stored: string) => stored.split('.').length === 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createSecretBox(key: Uint8Array | undefined): SecretBox {
  const kid = key && createHash('sha256').update(key).digest('base64url').slice(0, 16);
  return {
    async seal(plain) {
      if (!key) return plain;
      return new CompactEncrypt(encoder.encode(plain)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid }).encrypt(key);
    },
    async open(stored) {
      if (!isSealed(stored)) return stored;
      if (!key) throw new Error('a sealed secret was found, but no key is configured to open it');
      const { plaintext } = await compactDecrypt(stored, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      return decoder.decode(plaintext);
    },
    isPlain: (stored) => Boolean(key) && !isSealed(stored),
  };
}

/** The 32-byte key of TOTP_SECRET_KEY (base64url), or a reason it is not one. */
export function parseSecretBoxKey(value: string): Uint8Array | string {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return 'must be 32 random bytes in base64url (43 characters)';
  const bytes = Buffer.from(value, 'base64url');
  return bytes.length === 32 ? new Uint8Array(bytes) : 'must be 32 random bytes in base64url (43 characters)';
}
