/**
 * Reading one uploaded file from a multipart request, for any module's upload route. The
 * size cap of the purpose is enforced while the bytes arrive (busboy stops at cap + 1), so a
 * large body is never held in memory; each person has an upload budget per window.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FILE_SIZE_CAPS, type FilePurpose } from '../../../shared/files-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { spendBudget } from '../../http/rate-limit.js';
import { storeUpload, type FileRow } from './files.service.js';

/** Lets the routes of `app`'s scope (and only them) accept multipart/form-data. */
export async function acceptUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, headerPairs: 50, fieldNameSize: 50 },
  });
}

const MULTIPART_ERRORS: Record<string, () => AppError> = {
  FST_REQ_FILE_TOO_LARGE: () => new AppError('file_too_large'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => new AppError('unsupported_media_type', { detail: 'Send the file as multipart/form-data.' }),
};

async function readOneFile(request: FastifyRequest, purpose: FilePurpose): Promise<{ name: string; bytes: Buffer }> {
  try {
    const part = await request.file({ limits: { fileSize: FILE_SIZE_CAPS[purpose] } });
    if (!part) throw new AppError('validation_failed', { errors: [{ path: 'file', message: 'Choose a file.' }] });
    return { name: part.filename, bytes: await part.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    const known = code ? MULTIPART_ERRORS[code] : undefined;
    if (known) throw known();
    if (code?.startsWith('FST_')) throw new AppError('validation_failed', { detail: 'Send one file in a multipart/form-data body.' });
    throw error;
  }
}

/** Spends the uploader's budget, reads the request's one file and stores it for `purpose`. */
export async function receiveUpload(
  deps: Pick<Deps, 'db' | 'clock' | 'fileStore' | 'kv' | 'config'>,
  request: FastifyRequest,
  input: { ownerId: string; purpose: FilePurpose },
): Promise<FileRow> {
  await spendBudget(deps.kv, `rl:upload:${input.ownerId}`, deps.config.uploadRateLimit);
  const upload = await readOneFile(request, input.purpose);
  if (upload.bytes.length === 0) throw new AppError('validation_failed', { errors: [{ path: 'file', message: 'The file is empty.' }] });
  return storeUpload(deps, { ownerId: input.ownerId, purpose: input.purpose, upload });
}
