/**
 * /healthz: the process answers (liveness). /readyz: the process is not stopping and the
 * database answers (readiness); a load balancer stops sending requests when it turns 503.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import type { Lifecycle } from '../../http/graceful-stop.js';

export function healthRoutes(ping: () => Promise<void>, lifecycle: Lifecycle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      { schema: { tags: ['operations'], summary: 'Readiness: the database answers', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => {
        if (lifecycle.stopping) throw new AppError('service_unavailable', { detail: 'The server is stopping.' });
        try {
          await ping();
        } catch {
          throw new AppError('service_unavailable');
        }
        return { status: 'ok' as const };
      },
    );
  };
}
