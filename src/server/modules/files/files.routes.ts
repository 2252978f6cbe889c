/**
 * POST /files (multipart, for a stated purpose) and GET /files/:id. Files are served as
 * downloads of fixed type: nosniff, an inline or attachment disposition with a safe name,
 * and a sandboxing CSP, so even a file that slipped through could not run as a page of ours.
 */
import contentDisposition from 'content-disposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/contracts.js';
import { FileIdParamsSchema, FileSchema, FileVariantQuerySchema, UploadQuerySchema } from '../../../shared/files-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, optionalAuth, requireAuth } from '../../http/auth-guard.js';
import { readFile, toFileView } from './files.service.js';
import { acceptUploads, receiveUpload } from './upload.js';

export function filesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app);

    app.post(
      '/files',
      {
        preValidation: requireAuth(deps),
        schema: {
          tags: ['files'],
          summary: 'Upload one file (multipart/form-data, field "file") for a purpose: avatar (images, 5 MB) or portfolio (images and PDF, 10 MB)',
          querystring: UploadQuerySchema,
          response: {
            201: FileSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            413: ProblemSchema,
            415: ProblemSchema,
            422: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const file = await receiveUpload(deps, request, { ownerId: authOf(request).user.id, purpose: request.query.purpose });
        return reply.code(201).send(toFileView(file));
      },
    );

    app.get(
      '/files/:id',
      {
        schema: {
          tags: ['files'],
          summary: 'A file, to the people allowed to see it (its owner, and whoever may see the page that shows it); 404 otherwise',
          params: FileIdParamsSchema,
          querystring: FileVariantQuerySchema,
          response: { 400: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const viewer = await optionalAuth(deps, request);
        const { file, bytes } = await readFile(deps, request.params.id, request.query.variant, viewer?.user.id ?? null);
        const image = file.type.startsWith('image/');
        return reply
          .header('content-type', file.type)
          .header('content-disposition', contentDisposition(file.name, { type: image ? 'inline' : 'attachment' }))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', file.access === 'public' ? 'public, max-age=300' : 'private, max-age=300')
          // Raw bytes: Fastify sends a Buffer as is, past the JSON response schemas.
          .send(bytes as never);
      },
    );
  };
}
