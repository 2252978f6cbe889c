/**
 * Per-IP request limits on the routes attackers hammer (sign-up, login, token, resend,
 * forgot), and the same budget for per-user and per-recipient limits inside services. Counters live in the kv adapter, so instances sharing Redis share the limits.
 * The IP is Fastify's `request.ip`, which reads X-Forwarded-For only when TRUST_PROXY is set;
 * IPv6 clients are counted per /64, as the lockout counts them.
 * The per-IP limits announce themselves (IETF draft-ietf-httpapi-ratelimit-headers-11):
 * `RateLimit-Policy: "login";q=10;w=60` names the budget, `RateLimit: "login";r=7;t=42` what
 * is left of it and in how many seconds the window ends; a 429 adds Retry-After. Limits kept
 * inside services (per user, per recipient) are not announced: their key is not the caller's
 * to know, and announcing one would tell whether an address is being tried.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
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
export async function spendBudget(kv: KeyValueStore, key: string, rule: RateLimitRule): Promise<BudgetState> {
  const { count, resetInMs } = await kv.hit(key, rule.windowSeconds * 1000);
  if (count > rule.max) throw rateLimited(resetInMs);
  return { remaining: rule.max - count, resetInMs };
}

/** What is left of a budget after one use. */
export interface BudgetState {
  remaining: number;
  resetInMs: number;
}

/** Sets the RateLimit-Policy and RateLimit fields of one named policy. */
export function announceRateLimit(reply: FastifyReply, policy: string, rule: RateLimitRule, state: BudgetState): void {
  const name = JSON.stringify(policy);
  reply.header('ratelimit-policy', `${name};q=${rule.max};w=${rule.windowSeconds}`);
  reply.header('ratelimit', `${name};r=${Math.max(0, state.remaining)};t=${Math.max(0, Math.ceil(state.resetInMs / 1000))}`);
}

/** A preHandler that answers 429 rate_limited with Retry-After once the IP's budget is spent. */
export function rateLimit(config: Config, kv: KeyValueStore, action: RateLimitedAction) {
  const rule = config.rateLimits[action];
  return async function limit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      announceRateLimit(reply, action, rule, await spendBudget(kv, `rl:${action}:${ipBucket(request.ip)}`, rule));
    } catch (error) {
      if (error instanceof AppError && error.code === 'rate_limited') {
        announceRateLimit(reply, action, rule, { remaining: 0, resetInMs: (error.retryAfterSeconds ?? 0) * 1000 });
      }
      throw error;
    }
  };
}
