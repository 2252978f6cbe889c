/**
 * Per-IP request limits on the routes attackers hammer (sign-up, login, token, resend,
 * forgot), and the same budget for per-user and per-recipient limits inside services. Counters live in the kv adapter, so instances sharing Redis share the limits.
 * The IP is Fastify's `request.ip`, which reads X-Forwarded-For only when TRUST_PROXY is set;
 * IPv6 clients are counted per /64, as the lockout counts them.
 */
import type { FastifyRequest } from 'fastify';
import type { Config, RateLimitRule } from '../config.js';
import type { KeyValueStore } from '../platform/kv.js';
import { AppError } from './errors.js';
import { ipBucket } from './ip-bucket.js';

export type RateLimitedAction = keyof Config['rateLimits'];

/** 429 rate_limited, telling when the window ends (Retry-After, whole seconds, at least 1). */
export function rateLimited(resetInMs: number): AppError {
  return new AppError('rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) });
}

/**
 * Counts one use of the budget kept under `key` (per IP, per user, per recipient: the caller
 * names it) and throws rate_limited once more than `max` uses fall in the window.
 */
export async function spendBudget(kv: KeyValueStore, key: string, rule: RateLimitRule): Promise<void> {
  const { count, resetInMs } = await kv.hit(key, rule.windowSeconds * 1000);
  if (count > rule.max) throw rateLimited(resetInMs);
}

/** A preHandler that answers 429 rate_limited with Retry-After once the IP's budget is spent. */
export function rateLimit(config: Config, kv: KeyValueStore, action: RateLimitedAction) {
  const rule = config.rateLimits[action];
  return async function limit(request: FastifyRequest): Promise<void> {
    await spendBudget(kv, `rl:${action}:${ipBucket(request.ip)}`, rule);
  };
}
