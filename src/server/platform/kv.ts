/**
 * Shared counters for rate limits and lockout, and short-lived single-use values (WebAuthn
 * challenges). In-process when one instance runs;
 * Redis (or Valkey) when REDIS_URL is set, so every instance sees the same counts.
 */
import { Redis } from 'ioredis';
import type { Clock } from './clock.js';

export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window closes. */
  resetInMs: number;
}

export interface KeyValueStore {
  /** Counts one hit in a fixed window of `windowMs` that starts at the key's first hit. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** Current count without adding a hit (0 when absent). */
  peek(key: string): Promise<WindowCount>;
  delete(key: string): Promise<void>;
  /** Stores a short-lived value (e.g. a WebAuthn challenge), replacing any earlier one. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** Reads and removes a value in one atomic step, so it can be used once; undefined when absent or expired. */
  take(key: string): Promise<string | undefined>;
  /** Reads a value without using it up (it keeps its expiry); undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** In-process store; expired keys are swept lazily, bounded by a periodic cleanup. */
export function createMemoryStore(clock: Clock): KeyValueStore {
  const entries = new Map<string, { count: number; expiresAt: number }>();
  const values = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= clock.now().getTime()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = setInterval(() => {
    const now = clock.now().getTime();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [key, entry] of values) if (entry.expiresAt <= now) values.delete(key);
  }, 60_000);
  sweep.unref();
  return {
    async hit(key, windowMs) {
      const now = clock.now().getTime();
      const entry = live(key) ?? { count: 0, expiresAt: now + windowMs };
      entry.count += 1;
      entries.set(key, entry);
      return { count: entry.count, resetInMs: entry.expiresAt - now };
    },
    async peek(key) {
      const entry = live(key);
      return entry
        ? { count: entry.count, resetInMs: entry.expiresAt - clock.now().getTime() }
        : { count: 0, resetInMs: 0 };
    },
    async delete(key) {
      // Like DEL on Redis: whatever the key holds, a counter or a value.
      entries.delete(key);
      values.delete(key);
    },
    async put(key, value, ttlMs) {
      values.set(key, { value, expiresAt: clock.now().getTime() + ttlMs });
    },
    async take(key) {
      const entry = values.get(key);
      values.delete(key);
      return entry && entry.expiresAt > clock.now().getTime() ? entry.value : undefined;
    },
    async get(key) {
      const entry = values.get(key);
      return entry && entry.expiresAt > clock.now().getTime() ? entry.value : undefined;
    },
    async close() {
      clearInterval(sweep);
      entries.clear();
      values.clear();
    },
  };
}

// INCR and the first PEXPIRE in one atomic step, so a crash between them cannot leave a
// counter that never expires.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** Redis-backed store shared by every instance. */
export async function createRedisStore(url: string, prefix = 'wg:'): Promise<KeyValueStore> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, keyPrefix: prefix });
  await redis.connect();
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, key, windowMs)) as [number, number];
      return { count, resetInMs: Math.max(ttl, 0) };
    },
    async peek(key) {
      const [value, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
      return { count: Number(value ?? 0), resetInMs: Math.max(ttl, 0) };
    },
    async delete(key) {
      await redis.del(key);
    },
    async put(key, value, ttlMs) {
      await redis.set(key, value, 'PX', ttlMs);
    },
    async take(key) {
      // GETDEL (Redis 6.2+, Valkey): two instances racing for one value cannot both get it.
      return (await redis.getdel(key)) ?? undefined;
    },
    async get(key) {
      return (await redis.get(key)) ?? undefined;
    },
    async close() {
      await redis.quit();
    },
  };
}
