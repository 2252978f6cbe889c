/**
 * Lockout undone by a restart: an attacker who guesses until a lock, then waits for (or brings
 * about) a restart of Redis, which keeps no data on disk in many deployments, must not find the
 * account unlocked, its escalation forgotten, or its run towards the 100th wrong password
 * started again.
 *
 * Requirements: ASVS 5.0 V6.3.1 (controls against credential stuffing and brute force, as
 * documented: docs/security.md); NIST SP 800-63B §5.2.2 (at most 100 consecutive failed attempts
 * on one account). Here the kv store (Redis in production) is replaced by an empty one, as after
 * a restart of Redis without persistence; tests/faults/lockout-durability.test.ts does the same
 * with a real Redis and a real server process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/platform/kv.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { MINUTE } from '../helpers/test-clock.js';

const START = new Date('2030-06-01T10:00:00.000Z');
const wrong = (user: Pick<TestUser, 'email'>, i: number) => ({ email: user.email, password: `wrong guess number ${i} here` });
const right = (user: TestUser) => ({ email: user.email, password: user.password });

describe('a restart of the kv store', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (body: { email: string; password: string }, ip: string) => t.request('POST', '/api/v1/auth/login', { body, ip });
  /** Everything the kv store held is gone, as when Redis restarts without persistence. */
  const restartKv = () => {
    t.platform.kv = createMemoryStore(t.clock);
  };
  let round = 0;
  async function lockAgain(user: Pick<TestUser, 'email'>) {
    round += 1;
    for (let i = 1; i <= 5; i++) await login(wrong(user, i), `198.18.${round % 250}.${i}`);
    return login(wrong(user, 6), `198.18.${round % 250}.9`);
  }

  it('leaves a lock in force, with the same end', async () => {
    const user = await t.createUser();
    const locked = await lockAgain(user);
    expect(locked.statusCode).toBe(423);
    restartKv();
    const after = await login(right(user), '192.0.2.30');
    expect(after.statusCode).toBe(423);
    expect(after.json().detail).toBe(locked.json().detail);
  });

  it('keeps the escalation: the lock after a restart lasts twice as long as the one before', async () => {
    const user = await t.createUser();
    const first = await lockAgain(user);
    expect(first.json().retryAfterSeconds).toBe(30 * 60);
    t.clock.advance(30 * MINUTE);
    restartKv();
    expect((await lockAgain(user)).json().retryAfterSeconds).toBe(60 * 60);
  });

  it('keeps the run: the 100th wrong password in a row locks until the owner unlocks, restarts or not', async () => {
    const user = await t.createUser();
    for (let lock = 1; lock <= 20; lock++) {
      const locked = await lockAgain(user);
      expect(locked.statusCode, `lock ${lock}`).toBe(423);
      if (lock < 20) t.clock.advance(locked.json().retryAfterSeconds * 1000);
      if (lock % 5 === 0) restartKv();
    }
    // The 100th wrong password started the lock that has no end to tell, and a restart keeps it.
    t.clock.advance(30 * 24 * 60 * MINUTE);
    const after = await login(right(user), '192.0.2.31');
    expect(after.statusCode).toBe(423);
    expect(after.json().detail).toBeUndefined();
  });
});
