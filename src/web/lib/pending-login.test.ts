import { describe, expect, it } from 'vitest';
import { clearPendingLogin, msUntilExpiry, readPendingLogin, savePendingLogin, type PendingLogin } from './pending-login';

/** A Storage over a Map, as sessionStorage behaves. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

const pending: PendingLogin = { challenge: 'abc', methods: ['totp', 'recovery_code'], expiresAt: '2026-03-01T12:10:00.000Z' };

describe('pending login', () => {
  it('survives a reload: what is saved is read back', () => {
    const storage = memoryStorage();
    savePendingLogin(storage, pending);
    expect(readPendingLogin(storage)).toEqual(pending);
    clearPendingLogin(storage);
    expect(readPendingLogin(storage)).toBeNull();
  });

  it('remembers which provider proved the first step', () => {
    const storage = memoryStorage();
    savePendingLogin(storage, { ...pending, provider: 'Google' });
    expect(readPendingLogin(storage)?.provider).toBe('Google');
  });

  it('ignores what it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem('workgate.pendingLogin', '{not json');
    expect(readPendingLogin(storage)).toBeNull();
    storage.setItem('workgate.pendingLogin', JSON.stringify({ challenge: 1, methods: [], expiresAt: 'x' }));
    expect(readPendingLogin(storage)).toBeNull();
    storage.setItem('workgate.pendingLogin', JSON.stringify({ ...pending, provider: 7 }));
    expect(readPendingLogin(storage)).toBeNull();
  });

  it('says how long the challenge has left', () => {
    expect(msUntilExpiry(pending, Date.parse('2026-03-01T12:09:00Z'))).toBe(60_000);
    expect(msUntilExpiry(pending, Date.parse('2026-03-01T12:11:00Z'))).toBeLessThan(0);
  });
});
