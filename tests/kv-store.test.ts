/**
 * The kv adapter that holds rate-limit counters: the in-process form, and Redis when the
 * suite runs with services. Two app instances sharing Redis share one per-IP budget.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createRedisStore, type KeyValueStore } from '../src/server/platform/kv.js';
import { createTestApp } from './helpers/test-app.js';
import { createTestClock } from './helpers/test-clock.js';
import { databaseKind, testDatabaseUrl, testRedisUrl } from './helpers/test-database.js';

const stores: KeyValueStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
});

describe('services', () => {
  it('runs against real PostgreSQL and Redis when the services run asks for them', () => {
    // scripts/with-services.sh sets TEST_EXPECT_SERVICES; a missing service there is a failure, not a skip.
    if (process.env.TEST_EXPECT_SERVICES === '1') {
      expect(testDatabaseUrl).toMatch(/^postgres:\/\//);
      expect(testRedisUrl).toMatch(/^redis:\/\//);
      expect(databaseKind).toBe('postgres');
    } else {
      expect(databaseKind).toBe('pglite');
    }
  });
});

const kinds: [string, () => Promise<{ store: KeyValueStore; advance?: (ms: number) => void }>][] = [
  [
    'memory',
    async () => {
      const clock = createTestClock();
      return { store: createMemoryStore(clock), advance: clock.advance };
    },
  ],
];
if (testRedisUrl) kinds.push(['redis', async () => ({ store: await createRedisStore(testRedisUrl!, { prefix: `wgtest:${randomBytes(4).toString('hex')}:` }) })]);

describe.each(kinds)('%s store', (_kind, open) => {
  it('counts hits in a window, reports the time left, and forgets deleted keys', async () => {
    const { store } = await open();
    stores.push(store);
    expect(await store.peek('k')).toEqual({ count: 0, resetInMs: 0 });
    expect((await store.hit('k', 60_000)).count).toBe(1);
    const second = await store.hit('k', 60_000);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(50_000);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
    expect((await store.peek('k')).count).toBe(2);
    await store.delete('k');
    expect((await store.peek('k')).count).toBe(0);
  });

  it('starts a new window once the old one has passed', async () => {
    const { store, advance } = await open();
    stores.push(store);
    await store.hit('w', advance ? 1_000 : 150);
    await store.hit('w', advance ? 1_000 : 150);
    if (advance) advance(1_001);
    else await new Promise((r) => setTimeout(r, 250));
    expect((await store.hit('w', 1_000)).count).toBe(1);
  });

  it('keeps a value for its lifetime and hands it out once (put/take)', async () => {
    const { store, advance } = await open();
    stores.push(store);
    await store.put('v', 'challenge-1', advance ? 1_000 : 150);
    expect(await store.take('v')).toBe('challenge-1');
    expect(await store.take('v')).toBeUndefined();
    await store.put('v', 'challenge-2', advance ? 1_000 : 150);
    const racing = await Promise.all([store.take('v'), store.take('v')]);
    expect(racing.filter((value) => value === 'challenge-2')).toHaveLength(1);
    await store.put('late', 'challenge-3', advance ? 1_000 : 150);
    if (advance) advance(1_001);
    else await new Promise((r) => setTimeout(r, 250));
    expect(await store.take('late')).toBeUndefined();
  });

  it('reads a value without using it up, as often and as concurrently as asked, until it expires (get)', async () => {
    const { store, advance } = await open();
    stores.push(store);
    await store.put('g', 'outcome', advance ? 1_000 : 150);
    expect(await Promise.all([store.get('g'), store.get('g'), store.get('g')])).toEqual(['outcome', 'outcome', 'outcome']);
    expect(await store.take('g')).toBe('outcome');
    expect(await store.get('g')).toBeUndefined();
    await store.put('h', 'later', advance ? 1_000 : 150);
    if (advance) advance(1_001);
    else await new Promise((r) => setTimeout(r, 250));
    expect(await store.get('h')).toBeUndefined();
  });
});

// Only with services: an in-process store cannot be shared, so there is nothing to run without Redis.
if (testRedisUrl) describe('two instances sharing Redis', () => {
  it('share one per-IP login budget', async () => {
    const env = { RATE_LIMIT_LOGIN: '3/60' };
    const a = await createTestApp({ env, redis: true });
    const b = await createTestApp({ env, redis: true });
    try {
      const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.7`;
      const attempt = (t: typeof a) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: ip,
          payload: { email: 'nobody@example.com', password: 'some long password here' },
        });
      expect((await attempt(a)).statusCode).toBe(401);
      expect((await attempt(b)).statusCode).toBe(401);
      expect((await attempt(a)).statusCode).toBe(401);
      const limited = await attempt(b);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('rate_limited');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
