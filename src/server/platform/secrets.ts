/**
 * Random secrets and their stored form.
 * Secrets (session tokens, mail-link tokens) are 256 bits from the OS CSPRNG, encoded
 * base64url. The database keeps only SHA-256 of a secret: the secret has full entropy,
 * so a fast hash is enough, and a leaked table cannot be replayed.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new 256-bit secret, base64url without padding (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a secret: lowercase hex SHA-256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new random identifier for rows. */
export function generateId(): string {
  return randomUUID();
}

/** Shape check done before hashing, so junk input never reaches the database. */
export function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
