/**
 * Shared counters for rate limits and lockout, and short-lived single-use values (WebAuthn
 * challenges). In-process when one instance runs;
 * Redis (or Valkey) when REDIS_URL is set, so every instance sees the same counts.
 * While Redis cannot be reached, every call fails at once (or after REDIS_TIMEOUT_SECONDS for a
 * Redis that stops answering) with DependencyUnavailableError, answered 503: the routes that
 * count fail closed rather than let a login past a limit nobody can count.
 */
import { Redis, ReplyError } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import { createOutageLog } from './outage.js';

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

/** Whether a Redis error means Redis cannot be reached, rather than a bad command. */
export function isRedisUnavailable(error: unknown): boolean {
  // Redis answered with an error: only these mean it cannot serve for now.
  if (error instanceof ReplyError) return /^(LOADING|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN)/.test((error as Error).message);
  return error instanceof Error;
}

export interface RedisStoreOptions {
  /** Prefix of every key (tests use their own). */
  prefix?: string;
  /** Longest wait for a connection and for the answer to a command, in milliseconds. */
  timeoutMs?: number;
  /** Where an outage of Redis is logged (once per outage). */
  log?: Logger;
}

/** Redis-backed store shared by every instance. */
export async function createRedisStore(url: string, options: RedisStoreOptions = {}): Promise<KeyValueStore> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const redis = new Redis(url, {
    lazyConnect: true,
    keyPrefix: options.prefix ?? 'wg:',
    // No queue of commands waiting for a connection, no retry of a command whose connection
    // broke: while Redis is away, calls fail at once instead of piling up and answering late.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // Reconnects for as long as it takes, at most every 2 s: recovery needs no restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  const outage = createOutageLog('redis', options.log);
  // Connection errors arrive as events too (each reconnection attempt); the outage log keeps one.
  redis.on('error', (error) => {
    if (isRedisUnavailable(error)) outage.failed(error);
  });
  redis.on('ready', () => outage.succeeded());
  await redis.connect();
  const guard = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw isRedisUnavailable(error) ? outage.failed(error) : error;
    }
  };
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await guard(() => redis.eval(HIT_SCRIPT, 1, key, windowMs))) as [number, number];
      return { count, resetInMs: Math.max(ttl, 0) };
    },
    async peek(key) {
      const [value, ttl] = await guard(() => Promise.all([redis.get(key), redis.pttl(key)]));
      return { count: Number(value ?? 0), resetInMs: Math.max(ttl, 0) };
    },
    async delete(key) {
      await guard(() => redis.del(key));
    },
    async put(key, value, ttlMs) {
      await guard(() => redis.set(key, value, 'PX', ttlMs));
    },
    async take(key) {
      // GETDEL (Redis 6.2+, Valkey): two instances racing for one value cannot both get it.
      return (await guard(() => redis.getdel(key))) ?? undefined;
    },
    async get(key) {
      return (await guard(() => redis.get(key))) ?? undefined;
    },
    async close() {
      // QUIT needs a connection; without one there is nothing to close politely.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
