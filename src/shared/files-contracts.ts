/**
 * Uploaded files as the API shows them, for the server, the web app and any client.
 * A file is uploaded for a purpose, which fixes its size cap and the types it may have.
 */
import { z } from 'zod';

export const FilePurposeSchema = z.enum(['avatar', 'portfolio']);
export type FilePurpose = z.infer<typeof FilePurposeSchema>;

/** Caps per purpose, in bytes (MARKETPLACE.md, Files). */
export const FILE_SIZE_CAPS: Record<FilePurpose, number> = {
  avatar: 5 * 1024 * 1024,
  portfolio: 10 * 1024 * 1024,
};

export const UploadQuerySchema = z.strictObject({ purpose: FilePurposeSchema });

export const FileSchema = z.object({
  id: z.uuid(),
  /** A safe name: no path, no control characters, the extension of the sniffed type. */
  name: z.string(),
  size: z.number().int(),
  /** The type sniffed from the bytes (after re-encoding for images). */
  type: z.string(),
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** A smaller rendition of an image (`?variant=thumb`), null for documents. */
  thumbnailUrl: z.string().nullable(),
});
export type FileView = z.infer<typeof FileSchema>;

export const FileIdParamsSchema = z.strictObject({ id: z.uuid() });
export const FileVariantQuerySchema = z.strictObject({ variant: z.enum(['main', 'thumb']).default('main') });
