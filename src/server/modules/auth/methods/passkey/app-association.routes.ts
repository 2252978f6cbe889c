/**
 * What the operating systems read before they let Workgate's own apps use the site's passkeys:
 * Apple's associated domains file (webcredentials) and Android's Digital Asset Links
 * (get_login_creds). Both come from configuration (native-apps-config.ts); without it they
 * are 404, so no app can claim the site by default.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../../../config.js';
import { AppError } from '../../../../http/errors.js';

export function appAssociationRoutes(config: Config): FastifyPluginAsyncZod {
  const { appleAppIds, android } = config.nativeApps;
  return async (app) => {
    app.get('/.well-known/apple-app-site-association', { schema: { hide: true } }, async (_request, reply) => {
      if (appleAppIds.length === 0) throw new AppError('not_found');
      reply.type('application/json').header('cache-control', 'public, max-age=3600');
      return { webcredentials: { apps: appleAppIds } };
    });
    app.get('/.well-known/assetlinks.json', { schema: { hide: true } }, async (_request, reply) => {
      if (!android) throw new AppError('not_found');
      reply.type('application/json').header('cache-control', 'public, max-age=3600');
      return [
        {
          relation: ['delegate_permission/common.get_login_creds'],
          target: { namespace: 'android_app', package_name: android.packageName, sha256_cert_fingerprints: android.certFingerprints },
        },
      ];
    });
  };
}
