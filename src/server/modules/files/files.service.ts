/**
 * Files: an upload is sniffed, checked and (for images) re-encoded before a byte is stored;
 * reading answers 404 to anyone the file's access does not admit, so a foreign id reveals
 * nothing (MARKETPLACE.md, Authorization).
 */
import type { FilePurpose, FileView } from '../../../shared/files-contracts.js';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { generateId } from '../../platform/secrets.js';
import { AppError } from '../../http/errors.js';
import { assertNoActiveContent, safeFileName, sniffType, type SniffedType } from './file-checks.js';
import { deleteFilesOfOwner, deleteUnusedFiles, findFileById, findFilesOfOwner, insertFile, updateFilesAccess, updateShownFiles } from './files.queries.js';
import type { FileAccess, FileRow } from './files.table.js';
import { renderImage } from './image-processing.js';

export type { FileAccess, FileRow };

export interface Upload {
  /** The name the client sent; only ever shown after safeFileName. */
  name: string | undefined;
  bytes: Buffer;
}

const storageKey = (id: string, variant: string) => `${id}/${variant}`;

/** Checks, re-encodes and stores an upload for `purpose`; answers the new row (access 'owner'). */
export async function storeUpload(
  deps: Pick<Deps, 'db' | 'clock' | 'fileStore'>,
  input: { ownerId: string; purpose: FilePurpose; upload: Upload },
): Promise<FileRow> {
  const { bytes } = input.upload;
  const sniffed = await sniffType(bytes, input.purpose);
  assertNoActiveContent(bytes, sniffed);
  const id = generateId();
  const renditions =
    sniffed === 'application/pdf'
      ? [{ variant: 'main' as const, bytes, type: sniffed, width: null, height: null }]
      : await renderImage(bytes, input.purpose);
  const main = renditions.find((r) => r.variant === 'main')!;
  const keys = renditions.map((r) => storageKey(id, r.variant));
  await Promise.all(renditions.map((r) => deps.fileStore.put(storageKey(id, r.variant), r.bytes, r.type)));
  try {
    return await insertFile(deps.db, {
      id,
      ownerId: input.ownerId,
      purpose: input.purpose,
      name: safeFileName(input.upload.name, main.type as SniffedType),
      type: main.type,
      size: main.bytes.length,
      width: main.width,
      height: main.height,
      variants: renditions.map((r) => r.variant),
      access: 'owner',
      inUse: false,
      createdAt: deps.clock.now(),
    });
  } catch (error) {
    await deps.fileStore.delete(keys).catch(() => {});
    throw error;
  }
}

function mayRead(file: FileRow, viewerId: string | null): boolean {
  if (file.ownerId === viewerId) return true;
  if (file.access === 'public') return true;
  return file.access === 'signed_in' && viewerId !== null;
}

/** The file and the bytes of one rendition, when `viewerId` may read it; not_found otherwise. */
export async function readFile(
  deps: Pick<Deps, 'db' | 'fileStore'>,
  id: string,
  variant: 'main' | 'thumb',
  viewerId: string | null,
): Promise<{ file: FileRow; bytes: Buffer }> {
  const file = await findFileById(deps.db, id);
  if (!file || !mayRead(file, viewerId) || !file.variants.includes(variant)) throw new AppError('not_found');
  const bytes = await deps.fileStore.get(storageKey(id, variant));
  if (!bytes) throw new AppError('not_found');
  return { file, bytes };
}

/**
 * The owner's files among `ids` for `purpose`, in the order asked; an id that is not theirs
 * (or is for another purpose) is a field error, so nobody can attach someone else's file.
 */
export async function findOwnFiles(db: Database, ownerId: string, ids: readonly string[], purpose: FilePurpose, path: string): Promise<FileRow[]> {
  const rows = await findFilesOfOwner(db, ownerId, ids);
  const byId = new Map(rows.filter((r) => r.purpose === purpose).map((r) => [r.id, r]));
  const missing = ids.findIndex((id) => !byId.has(id));
  if (missing >= 0) throw new AppError('validation_failed', { errors: [{ path: `${path}.${missing}`, message: 'Upload this file first.' }] });
  return ids.map((id) => byId.get(id)!);
}

/** Who may read the owner's files `ids` from now on (they follow the page that shows them). */
export async function setFilesAccess(db: Database, ownerId: string, ids: readonly string[], access: FileAccess): Promise<void> {
  await updateFilesAccess(db, ownerId, ids, access);
}

/**
 * Makes exactly `shown` of the owner's files of `purposes` readable with `access` (what the
 * pages that own those purposes show now) and the owner's other files of those purposes
 * private again, in one statement. Files uploaded for other purposes (another module's) are
 * left as they are.
 */
export async function showOnlyFiles(db: Database, ownerId: string, purposes: readonly FilePurpose[], shown: readonly string[], access: FileAccess): Promise<void> {
  await updateShownFiles(db, ownerId, purposes, shown, access);
}

/** The owner's files among `ids` (others' ids are left out). */
export async function listOwnFiles(db: Database, ownerId: string, ids: readonly string[]): Promise<FileRow[]> {
  return findFilesOfOwner(db, ownerId, ids);
}

/** Removes the owner's files `ids`, rows first (readers stop at once), then their bytes. */
export async function deleteOwnFiles(deps: Pick<Deps, 'db' | 'fileStore'>, ownerId: string, ids: readonly string[]): Promise<void> {
  const removed = await deleteFilesOfOwner(deps.db, ownerId, ids);
  const keys = removed.flatMap((file) => file.variants.map((variant) => storageKey(file.id, variant)));
  await deps.fileStore.delete(keys).catch(() => {});
}

/**
 * Removes up to `limit` uploads of `purposes` that no page shows and that are older than
 * `cutoff`, rows first, then their bytes; answers how many went.
 */
export async function sweepUnusedFiles(deps: Pick<Deps, 'db' | 'fileStore'>, purposes: readonly FilePurpose[], cutoff: Date, limit: number): Promise<number> {
  const removed = await deleteUnusedFiles(deps.db, purposes, cutoff, limit);
  const keys = removed.flatMap((file) => file.variants.map((variant) => storageKey(file.id, variant)));
  if (keys.length > 0) await deps.fileStore.delete(keys).catch(() => {});
  return removed.length;
}

/** The public shape of a file. */
export function toFileView(file: FileRow): FileView {
  const url = `/api/v1/files/${file.id}`;
  return {
    id: file.id,
    name: file.name,
    size: file.size,
    type: file.type,
    url,
    width: file.width,
    height: file.height,
    thumbnailUrl: file.variants.includes('thumb') ? `${url}?variant=thumb` : null,
  };
}
