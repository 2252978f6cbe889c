/**
 * Uploads are hostile input (OWASP File Upload Cheat Sheet; ASVS 5.0 V5.2). What a file is
 * comes from its bytes alone: the name and the declared type are not trusted. A file that is
 * also something else (a polyglot: an image that is HTML, a GIF that is a ZIP) or a PDF that
 * carries active content is refused outright, even though images are re-encoded anyway, so
 * nothing a browser could run is ever stored.
 */
import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import type { FilePurpose } from '../../../shared/files-contracts.js';
import { AppError } from '../../http/errors.js';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const DOCUMENT_TYPES = ['application/pdf'] as const;
export type SniffedType = (typeof IMAGE_TYPES)[number] | (typeof DOCUMENT_TYPES)[number];

const ALLOWED: Record<FilePurpose, readonly SniffedType[]> = {
  avatar: IMAGE_TYPES,
  portfolio: [...IMAGE_TYPES, ...DOCUMENT_TYPES],
};

const EXTENSIONS: Record<SniffedType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

/** The file's real type, from its magic bytes; unsupported_file_type unless the purpose allows it. */
export async function sniffType(bytes: Uint8Array, purpose: FilePurpose): Promise<SniffedType> {
  const found = await fileTypeFromBuffer(bytes);
  const type = found?.mime as SniffedType | undefined;
  if (!type || !ALLOWED[purpose].includes(type)) throw new AppError('unsupported_file_type');
  return type;
}

export function extensionOf(type: SniffedType): string {
  return EXTENSIONS[type];
}

// Markup a browser would run or render, and PHP; long enough that compressed pixel data
// matches by chance about once in 10^4 files of 10 MB (then re-saving the file helps).
const MARKUP = /<(?:script|iframe|object|embed|html[\s>]|svg[\s>/]|body[\s>]|!doctype\s+html|\?php)/i;
// A ZIP needs both a local header and the end-of-directory record (a GIFAR, a JAR in a JPEG).
const ZIP_LOCAL = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_END = Buffer.from('PK\x05\x06', 'latin1');
// PDF features that run code, open other programs or carry other files.
const PDF_ACTIVE = /\/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z0-9])/;
/** Bound on the bytes inflated from a PDF's streams while looking inside them (zip-bomb guard). */
const PDF_INFLATE_BUDGET = 64 * 1024 * 1024;

/** Refuses files that are also markup or an archive, and PDFs with active content (file_rejected). */
export function assertNoActiveContent(bytes: Buffer, type: SniffedType): void {
  const text = bytes.toString('latin1');
  if (MARKUP.test(text)) throw new AppError('file_rejected', { detail: 'The file contains web page code.' });
  if (bytes.includes(ZIP_LOCAL) && bytes.includes(ZIP_END)) {
    throw new AppError('file_rejected', { detail: 'The file contains an archive.' });
  }
  if (type === 'application/pdf' && pdfHasActiveContent(bytes, text)) {
    throw new AppError('file_rejected', { detail: 'The PDF contains scripts, attachments or forms.' });
  }
}

/** Looks in the PDF's plain text and inside its compressed streams (object streams hide dictionaries). */
function pdfHasActiveContent(bytes: Buffer, text: string): boolean {
  if (PDF_ACTIVE.test(text)) return true;
  let budget = PDF_INFLATE_BUDGET;
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(text); match; match = streams.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    streams.lastIndex = end;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch (error) {
      // Not deflated, or deflated past the budget: the latter is refused as a bomb.
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return true;
      continue;
    }
    budget -= inflated.length;
    const inner = inflated.toString('latin1');
    if (PDF_ACTIVE.test(inner) || MARKUP.test(inner)) return true;
  }
  return false;
}

// C0/C1 controls (NUL included), bidirectional overrides and isolates, zero-width characters.
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
const NAME_MAX = 100;

/**
 * A display name that is safe in a header, a page and a download folder: the last path
 * segment only, no controls or direction tricks, no leading dots, at most 100 characters,
 * and the extension of the type the bytes really have ("page.html" holding a PNG is stored as "page.html.png").
 */
export function safeFileName(raw: string | undefined, type: SniffedType): string {
  const lastSegment = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(UNSAFE_IN_NAME, '')
    .replace(/["*:<>?|]/g, '_')
    .replace(/^[\s.]+/, '')
    .trim();
  const stem = cleaned.replace(/\.(jpe?g|png|webp|gif|pdf)$/i, '');
  const short = [...stem].slice(0, NAME_MAX).join('').trim();
  return `${short || 'file'}.${extensionOf(type)}`;
}
