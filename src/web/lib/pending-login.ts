/**
 * The second step of a login waiting to be completed. The challenge is a bearer secret for
 * 10 minutes, so it is kept in sessionStorage (this tab only, gone when the tab closes) and
 * never in the URL, where history, logs and screenshots would keep it. A reload of the
 * second-step page finds it here.
 */
import type { SecondFactorMethod } from '../api/auth-api';

const KEY = 'workgate.pendingLogin';

/** What the login answered when it asked for a second factor. */
export interface PendingLogin {
  challenge: string;
  methods: SecondFactorMethod[];
  expiresAt: string;
  /** The provider that proved the first step ("Google"); absent when it was the password. */
  provider?: string;
  /** A code was mailed because this device and its network are new to an account without a second step. */
  reason?: 'new_device';
}

function isPendingLogin(value: unknown): value is PendingLogin {
  if (typeof value !== 'object' || value === null) return false;
  const { challenge, methods, expiresAt, provider, reason } = value as Record<string, unknown>;
  return (
    (provider === undefined || typeof provider === 'string') &&
    (reason === undefined || reason === 'new_device') &&
    typeof challenge === 'string' &&
    Array.isArray(methods) &&
    methods.every((method) => typeof method === 'string') &&
    typeof expiresAt === 'string' &&
    !Number.isNaN(Date.parse(expiresAt))
  );
}

/** Remembers the challenge for this tab (storage can be refused: then a reload starts over). */
export function savePendingLogin(storage: Storage, pending: PendingLogin): void {
  try {
    storage.setItem(KEY, JSON.stringify(pending));
  } catch {
    // Private modes may refuse storage; the step still works until the page is reloaded.
  }
}

/** The remembered challenge, or null when there is none or it cannot be read. */
export function readPendingLogin(storage: Storage): PendingLogin | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    return isPendingLogin(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function clearPendingLogin(storage: Storage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** Milliseconds until the challenge expires (0 or less once it has). */
export function msUntilExpiry(pending: PendingLogin, now = Date.now()): number {
  return Date.parse(pending.expiresAt) - now;
}
