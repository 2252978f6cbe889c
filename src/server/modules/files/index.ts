/**
 * The files module's door: uploads for other modules (a profile photo, portfolio images),
 * who may read a file, and the routes. Storage keys, checks and image processing stay inside.
 */
import { files } from './files.table.js';

export { filesRoutes } from './files.routes.js';
export { deleteOwnFiles, findOwnFiles, listOwnFiles, setFilesAccess, showOnlyFiles, storeUpload, toFileView } from './files.service.js';
export type { FileAccess, FileRow, Upload } from './files.service.js';
export { acceptUploads, receiveUpload } from './upload.js';
export { scheduleUnusedUploadsSweep, UNUSED_UPLOADS_JOB } from './unused-uploads.js';

/** For `.references(fileIdReference)` in another module's table. */
export const fileIdReference = () => files.id;
