import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Uploaded files. The bytes live in the storage adapter under "<id>/<variant>"; a row says
 * who uploaded it, what for, and who may read it. `access` starts at 'owner' and follows the
 * visibility of whatever shows the file (a profile photo on a public profile is public).
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    /**
     * The uploader. No foreign key: files sits in the lowest layer beside accounts and
     * knows no other module's table; an account's files go when its deletion is announced.
     */
    ownerId: uuid('owner_id').notNull(),
    purpose: text('purpose', { enum: ['avatar', 'portfolio'] }).notNull(),
    /** Display name, made safe (files/file-checks.ts); never a storage path. */
    name: text('name').notNull(),
    /** Sniffed from the bytes that are stored. */
    type: text('type').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Stored renditions: 'main', and 'thumb' for images. */
    variants: text('variants').array().notNull(),
    access: text('access', { enum: ['owner', 'signed_in', 'public'] }).notNull().default('owner'),
    /**
     * Whether a page of the module that owns the purpose shows the file (set with its access).
     * An upload starts unused; one still unused a day later is swept (files/unused-uploads.ts).
     * Rows from before this column are taken as used.
     */
    inUse: boolean('in_use').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('files_owner_idx').on(t.ownerId), index('files_unused_idx').on(t.createdAt).where(sql`not ${t.inUse}`)],
);

export type FileRow = typeof files.$inferSelect;
export type FileAccess = FileRow['access'];
