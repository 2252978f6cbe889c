/** buildApp: registers plugins and modules on a Fastify instance, nothing else. */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Platform } from './platform/platform.js';
import { registerCsrfProtection } from './http/csrf.js';
import { registerErrorHandling } from './http/errors.js';
import { registerMetrics } from './http/metrics.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { settingsRoutes } from './modules/auth/settings.routes.js';
import { devMailRoutes } from './modules/dev/dev-mail.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';

export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log,
    // A hop count is valid at runtime (proxy-addr) though Fastify's types omit it.
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: config.bodyLimitBytes,
    // Answers to requests in flight still go out when the server is asked to stop.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  app.decorateRequest('auth', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  await registerSecurityHeaders(app, config);
  registerCsrfProtection(app, config);
  registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Workgate API', version: '1.0.0', description: 'Accounts, sessions and authentication.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wg_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(platform.database.ping));
  await app.register(
    async (api) => {
      await api.register(accountsRoutes(platform));
      await api.register(authRoutes(platform));
      await api.register(settingsRoutes(platform));
      await api.register(sessionsRoutes(platform));
    },
    { prefix: '/api/v1' },
  );
  if (config.devTools) await app.register(devMailRoutes(platform.mailer));
  return app;
}
