/**
 * The security activity page: the signed-in user's own audit events, newest first, a page at
 * a time. Only the user's own rows are read (by user id, never by a parameter), and each
 * event's details pass through an allow-list of plain facts, so nothing secret (tokens, hashes,
 * session and credential ids) reaches the page even if a later event records one.
 */
import type { z } from 'zod';
import type { ActivityListSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { describeDevice } from '../sessions/device.js';
import { listUserAuditEvents } from './audit.queries.js';

type ActivityList = z.infer<typeof ActivityListSchema>;
type SummaryValue = string | number | boolean | null;

/** Detail keys that are safe and useful to show the account's owner. */
const SHOWN_DETAILS = new Set([
  'method',
  'reason',
  'during',
  'attempt',
  'client',
  'device',
  'rememberMe',
  'sessionsEnded',
  'includeCurrent',
  'until',
  'via',
  'role',
  'name',
  'deviceType',
  'backedUp',
  'phoneEnding',
  'from',
  'to',
  'provider',
  'wrongAnswers',
]);

// An admin's own words on an action are for the audit log; only a suspension's reason is
// written for the person (the public reason).
const PUBLIC_ADMIN_REASON_EVENTS = new Set(['account_suspended']);

function summarize(event: string, details: Record<string, unknown>): Record<string, SummaryValue> {
  const summary: Record<string, SummaryValue> = {};
  const byAdmin = details.by !== undefined;
  for (const [key, value] of Object.entries(details)) {
    if (!SHOWN_DETAILS.has(key)) continue;
    if (key === 'reason' && byAdmin && !PUBLIC_ADMIN_REASON_EVENTS.has(event)) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) summary[key] = value as SummaryValue;
  }
  return summary;
}

/** One page of the user's security events; `cursor` (or its older name `before`) is the previous page's `nextCursor`. */
export async function listSecurityActivity(
  deps: Pick<Deps, 'db'>,
  userId: string,
  page: { limit: number; cursor?: string | undefined; before?: string | undefined },
): Promise<ActivityList> {
  const cursor = page.cursor ?? page.before;
  // One row more than asked tells whether an older page exists.
  const rows = await listUserAuditEvents(deps.db, userId, {
    limit: page.limit + 1,
    ...(cursor ? { beforeId: Number(cursor) } : {}),
  });
  const next = rows.length > page.limit ? String(rows[page.limit - 1]!.id) : null;
  const shown = rows.slice(0, page.limit);
  return {
    events: shown.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      event: row.event,
      ip: row.ip,
      device: describeDevice(row.userAgent),
      summary: summarize(row.event, row.details),
    })),
    nextCursor: next,
    nextBefore: next,
  };
}
