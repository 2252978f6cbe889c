import { describe, expect, it } from 'vitest';
import { parseRole, recallSignupRole, rememberSignupRole } from './roles';

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

describe('roles', () => {
  it('reads only the roles there are', () => {
    expect(parseRole('client')).toBe('client');
    expect(parseRole('admin')).toBeUndefined();
  });

  it('remembers the role chosen before a provider, and forgets it', () => {
    const storage = memoryStorage();
    expect(recallSignupRole(storage)).toBeUndefined();
    rememberSignupRole(storage, 'client');
    expect(recallSignupRole(storage)).toBe('client');
    rememberSignupRole(storage, undefined);
    expect(recallSignupRole(storage)).toBeUndefined();
  });

  it('ignores a role it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem('workgate.signupRole', 'admin');
    expect(recallSignupRole(storage)).toBeUndefined();
  });
});
