/**
 * Password hashing with argon2id (OWASP's first choice), through @node-rs/argon2 which runs
 * off the event loop. Parameters: m = 19456 KiB, t = 2, p = 1 (OWASP minimum for argon2id).
 * A stored hash made with other parameters still verifies and is reported as needing a
 * rehash, so hashes upgrade themselves at the next successful login.
 */
import { hash, verify } from '@node-rs/argon2';
import { generateSecret } from './secrets.js';

// Algorithm.Argon2id of @node-rs/argon2, an ambient const enum that isolated modules cannot import.
const ARGON2ID = 2;

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const CURRENT_PARAMETERS: Argon2Parameters = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed stored hash. */
  verify(storedHash: string, password: string): Promise<boolean>;
  needsRehash(storedHash: string): boolean;
  /**
   * Spends the same work as verify() against a throw-away hash, so a request for an
   * unknown account takes as long as one for a known account with a wrong password.
   */
  verifyDummy(password: string): Promise<void>;
}

/** Reads m, t and p out of a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$…`. */
export function readParameters(storedHash: string): Argon2Parameters | undefined {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return undefined;
  return { memoryCost: Number(match[1]), timeCost: Number(match[2]), parallelism: Number(match[3]) };
}

export async function createPasswordHasher(parameters: Argon2Parameters = CURRENT_PARAMETERS): Promise<PasswordHasher> {
  const options = { algorithm: ARGON2ID, ...parameters };
  // The dummy's password is a secret from the OS generator, so no guess can ever match it.
  const dummyHash = await hash(generateSecret(), options);
  return {
    hash: (password) => hash(password, options),
    async verify(storedHash, password) {
      try {
        return await verify(storedHash, password);
      } catch {
        return false;
      }
    },
    needsRehash(storedHash) {
      const stored = readParameters(storedHash);
      return (
        !stored ||
        stored.memoryCost !== parameters.memoryCost ||
        stored.timeCost !== parameters.timeCost ||
        stored.parallelism !== parameters.parallelism
      );
    },
    async verifyDummy(password) {
      await verify(dummyHash, password).catch(() => false);
    },
  };
}
