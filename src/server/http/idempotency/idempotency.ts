/**
 * Idempotency-Key (after Stripe and the IETF draft-ietf-httpapi-idempotency-key-header): a
 * client that may have lost an answer sends the same request again with the same key and gets
 * the first answer back, instead of a second execution (a second proposal, a second payment).
 *
 * - A route opts in with `config: { idempotent: true }`; elsewhere the header is ignored.
 * - Keys belong to the signed-in caller: the same key of two accounts never meets. A request
 *   without a signed-in caller runs as if no key were sent (anonymous callers have nothing to
 *   be the same by).
 * - The key is claimed after authentication and validation, so a refused request keeps no
 *   answer. The first request's answer (status, content type, body) is kept 24 hours; a repeat
 *   of the same method, path and body gets it with `Idempotent-Replayed: true`.
 * - A repeat with another request under the same key is 422 idempotency_key_reused; a repeat
 *   while the first still runs is 409 idempotency_request_in_flight (Retry-After: 1).
 * - A 5xx answer is not kept: the key is released and a retry runs again. Money moves must also
 *   carry the ledger's own idempotency key in their transaction, since a crash between the
 *   commit and the stored answer would otherwise let a retry run twice.
 * - A first request that never finishes (its process died) is abandoned after 5 minutes.
 * - An expired key is claimed afresh by its next use; an hourly job deletes the rest, so the
 *   table holds about a day of keys without any request paying for the clean-up.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, onSendHookHandler, preHandlerHookHandler, preValidationHookHandler } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../errors.js';
import { claimKey, findKey, purgeExpiredKeys, releaseKey, storeAnswer } from './idempotency.store.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** How long an answer is kept for repeats. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const ABANDONED_AFTER_MS = 5 * 60_000;
// Printable ASCII without spaces: UUIDs, ULIDs and the like fit; nothing that breaks a log line.
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Repeats with the same Idempotency-Key get the first answer (http/idempotency). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: { caller: string; key: string } | null;
    idempotencyFingerprint: string | null;
  }
}

/** Sorted keys: the same JSON sent with its fields in another order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** What a repeat must match: method, path with query, and the parsed body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const json = JSON.stringify(canonical(body ?? null));
  return createHash('sha256').update(`${method} ${url}\n${json}`).digest('hex');
}

function replay(reply: FastifyReply, row: { responseStatus: number | null; responseType: string | null; responseBody: string | null }) {
  reply.header('idempotent-replayed', 'true');
  if (row.responseType) reply.type(row.responseType);
  return reply.code(row.responseStatus ?? 200).send(row.responseBody ?? '');
}

const PURGE_JOB = 'http.purge-idempotency-keys';

export async function registerIdempotency(app: FastifyInstance, deps: Pick<Deps, 'db' | 'clock' | 'jobs'>): Promise<void> {
  deps.jobs.define(PURGE_JOB, { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 600 }, () =>
    purgeExpiredKeys(deps.db, deps.clock.now()),
  );
  await deps.jobs.schedule(PURGE_JOB, '41 * * * *');

  app.decorateRequest('idempotencyClaim', null);
  app.decorateRequest('idempotencyFingerprint', null);

  // The body as sent, before validation fills defaults or trims: that is what must repeat.
  const fingerprint: preValidationHookHandler = async function fingerprint(request) {
    request.idempotencyFingerprint = requestFingerprint(request.method, request.url, request.body);
  };

  const claim: preHandlerHookHandler = async function claim(request, reply) {
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const caller = request.auth ? `user:${request.auth.user.id}` : undefined;
    if (header === undefined || caller === undefined) return;
    if (typeof header !== 'string' || !KEY_SHAPE.test(header)) {
      throw new AppError('validation_failed', { errors: [{ path: 'Idempotency-Key', message: 'Use 1 to 255 printable characters, such as a UUID.' }] });
    }
    const now = deps.clock.now();
    const fingerprint = request.idempotencyFingerprint ?? requestFingerprint(request.method, request.url, request.body);
    const owned = await claimKey(deps.db, {
      caller,
      key: header,
      fingerprint,
      now,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
      abandonedBefore: new Date(now.getTime() - ABANDONED_AFTER_MS),
    });
    if (owned) {
      request.idempotencyClaim = { caller, key: header };
      return;
    }
    const row = await findKey(deps.db, caller, header);
    // Gone between the two reads (released after a 5xx): the client retries and claims it.
    if (!row) throw new AppError('idempotency_request_in_flight', { retryAfterSeconds: 1 });
    if (row.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused');
    if (row.state === 'in_flight') throw new AppError('idempotency_request_in_flight', { retryAfterSeconds: 1 });
    return replay(reply, row);
  };

  const keep: onSendHookHandler = async function keep(request, reply, payload) {
    const owned = request.idempotencyClaim;
    if (!owned) return payload;
    request.idempotencyClaim = null;
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && payload !== null && payload !== undefined)) {
      await releaseKey(deps.db, owned.caller, owned.key);
      return payload;
    }
    const type = reply.getHeader('content-type');
    await storeAnswer(deps.db, owned.caller, owned.key, { status: reply.statusCode, type: typeof type === 'string' ? type : null, body: payload ?? '' });
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent !== true) return;
    const validation = route.preValidation ? (Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]) : [];
    route.preValidation = [...validation, fingerprint];
    // After the route's own preHandlers (authentication among them).
    const before = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [...before, claim];
    const onSend = route.onSend ? (Array.isArray(route.onSend) ? route.onSend : [route.onSend]) : [];
    route.onSend = [...onSend, keep];
  });
}
