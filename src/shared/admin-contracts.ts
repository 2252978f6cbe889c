/**
 * Request and response shapes of the admin API (/api/v1/admin), for the server, the
 * web console and any client. Bodies are strict: an unknown field is a validation error.
 */
import { z } from 'zod';
import { ActivityEventSchema, DeviceSchema, RoleSchema } from './contracts.js';

// Control characters (except tab and line breaks) and bidirectional overrides can disguise text.
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

const text = (max: number, { min = 0 } = {}) =>
  z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !FORBIDDEN_TEXT.test(value), 'Remove control characters.')
    .trim()
    .min(min, min > 0 ? 'This field is required.' : undefined);

export const AdminUserIdParamsSchema = z.object({ id: z.uuid() });

/** GET /admin/users: search by email or name (case-insensitive); empty query lists everyone. */
export const AdminUserSearchQuerySchema = z.strictObject({
  query: z
    .string()
    .max(200)
    .refine((value) => !FORBIDDEN_TEXT.test(value), 'Remove control characters.')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  /** The previous page's nextCursor. */
  cursor: z.string().max(400).optional(),
});

export const AdminSuspensionSchema = z.object({
  publicReason: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  endsAt: z.string().nullable(),
});
export type AdminSuspension = z.infer<typeof AdminSuspensionSchema>;

export const AdminUserSummarySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  emailVerified: z.boolean(),
  isAdmin: z.boolean(),
  mustResetPassword: z.boolean(),
  createdAt: z.string(),
  suspended: z.boolean(),
  suspension: AdminSuspensionSchema.nullable(),
});
export type AdminUserSummary = z.infer<typeof AdminUserSummarySchema>;

export const AdminUserListSchema = z.object({
  users: z.array(AdminUserSummarySchema),
  nextCursor: z.string().nullable(),
});

export const AdminUserDetailSchema = z.object({
  user: AdminUserSummarySchema,
  suspension: AdminSuspensionSchema.nullable(),
  /** 'password' when one is set, then the second factors ('passkey', 'totp', …). */
  signInMethods: z.array(z.string()),
  passwordSet: z.boolean(),
  secondFactors: z.array(z.string()),
  passkeyCount: z.number(),
  sessions: z.array(
    z.object({
      id: z.uuid(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      device: DeviceSchema,
      rememberMe: z.boolean(),
      client: z.enum(['browser', 'app']),
      aal: z.number(),
    }),
  ),
  /** Recent security events of the account, newest first (as its owner sees them). */
  events: z.array(ActivityEventSchema),
});

/** Why an admin acts: recorded in the audit log with the admin and the target. */
const ReasonSchema = text(500);

export const AdminSuspendSchema = z.strictObject({
  /** Shown to the person at login. */
  publicReason: text(200, { min: 1 }),
  /** Internal; never shown to the person. */
  note: text(2000).optional(),
  /** ISO 8601 with offset, in the future; absent means until lifted. */
  endsAt: z.iso.datetime({ offset: true }).optional(),
});
export type AdminSuspend = z.infer<typeof AdminSuspendSchema>;

/** Body of the other actions; it may be absent. */
export const AdminActionSchema = z.strictObject({ reason: ReasonSchema.optional() }).nullish();

export const AdminSetRoleSchema = z.strictObject({ grant: z.boolean(), reason: ReasonSchema.optional() });

export const AdminActionResultSchema = z.object({
  user: AdminUserSummarySchema,
  /** Sessions and tokens that ended with this action. */
  sessionsEnded: z.number().optional(),
});

/** POST /admin/sessions/revoke-all: how many sessions and tokens ended. */
export const AdminSignOutEveryoneResultSchema = z.object({ sessionsEnded: z.number() });

/** GET /admin/audit and /admin/audit.csv filters. */
export const AdminAuditQuerySchema = z.strictObject({
  userId: z.uuid().optional(),
  event: z
    .string()
    .max(64)
    .regex(/^[a-z_]+$/, 'Expected an event name.')
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** The previous page's nextCursor. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'Expected a cursor.')
    .optional(),
});
export type AdminAuditQuery = z.infer<typeof AdminAuditQuerySchema>;

export const AdminAuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  event: z.string(),
  /** The account the event is about. */
  userId: z.string().nullable(),
  /** The admin who acted, for admin actions. */
  actorId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const AdminAuditListSchema = z.object({
  events: z.array(AdminAuditEventSchema),
  nextCursor: z.string().nullable(),
});
