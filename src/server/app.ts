/** buildApp: registers plugins and modules on a Fastify instance, nothing else. */
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Platform } from './platform/platform.js';
import { registerCsrfProtection } from './http/csrf.js';
import { registerErrorHandling } from './http/errors.js';
import { createLifecycle, type Lifecycle } from './http/graceful-stop.js';
import { registerDeprecation } from './http/deprecation.js';
import { registerIdempotency } from './http/idempotency/idempotency.js';
import { registerMetrics } from './http/metrics.js';
import { registerRequestIdHeader, requestIdGenerator } from './http/request-id.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { WEB_ROOT, registerWebApp, sendWebApp, wantsWebApp } from './http/web-app.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { emailChangeRoutes } from './modules/accounts/email-change.routes.js';
import { filesRoutes, scheduleUnusedUploadsSweep } from './modules/files/index.js';
import { appAssociationRoutes, hasVerifiedPhone } from './modules/auth/index.js';
import { profilesRoutes } from './modules/profiles/index.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { loginRoutes } from './modules/auth/login.routes.js';
import { mfaRoutes } from './modules/auth/mfa.routes.js';
import { oneTimeCodeRoutes } from './modules/auth/methods/one-time-code/one-time-code.routes.js';
import { loadBreachedList } from './modules/auth/index.js';
import { identitiesRoutes } from './modules/auth/methods/oidc/identities.routes.js';
import { oidcRoutes } from './modules/auth/methods/oidc/oidc.routes.js';
import { providerAppRoutes } from './modules/auth/methods/oidc/provider-app.routes.js';
import { passkeyLoginRoutes } from './modules/auth/methods/passkey/passkey-login.routes.js';
import { passkeyRoutes } from './modules/auth/methods/passkey/passkey.routes.js';
import { stepUpRoutes } from './modules/auth/step-up.routes.js';
import { settingsRoutes } from './modules/auth/settings.routes.js';
import { devMailRoutes } from './modules/dev/dev-mail.routes.js';
import { devSmsRoutes } from './modules/dev/dev-sms.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { subscribeSecurityAlertMails } from './modules/security/index.js';
import { securityRoutes } from './modules/security/security.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { supportAdminRoutes } from './modules/support/support-admin.routes.js';
import { supportRoutes } from './modules/support/support.routes.js';

export interface BuildAppOptions {
  /** Folder of the built web app; defaults to dist/web. */
  webRoot?: string;
  /** Tells readiness and the answers that the process is stopping (main.ts sets it). */
  lifecycle?: Lifecycle;
}

export async function buildApp(platform: Platform, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log,
    // A hop count is valid at runtime (proxy-addr) though Fastify's types omit it.
    trustProxy: config.trustProxy as boolean | string,
    // X-Request-Id from a trusted proxy, or a new UUID; logged as reqId (http/request-id.ts).
    genReqId: requestIdGenerator(config),
    bodyLimit: config.bodyLimitBytes,
    // A request the server has received is answered, also while it stops: a proxy does not
    // retry a POST that got a 503 (http/graceful-stop.ts).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  app.decorateRequest('auth', null);
  registerRequestIdHeader(app);
  // The API takes JSON only: drop Fastify's built-in text/plain parser, so a text/plain
  // body (what a cross-site form can send without a preflight) is 415, not parsed.
  app.removeContentTypeParser('text/plain');
  // While stopping (the drain included), answers close their keep-alive connection: clients
  // reconnect, through a balancer to another instance, and close() does not wait for idle
  // keep-alive timeouts after the last answer.
  const lifecycle = options.lifecycle ?? createLifecycle();
  app.addHook('onSend', async (_request, reply) => {
    if (lifecycle.stopping) reply.header('connection', 'close');
  });
  // The bundled list of breached passwords is read at start-up: a missing list stops the start
  // instead of failing the first sign-up, and no request waits for it.
  app.addHook('onReady', async () => {
    await loadBreachedList();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const webRoot = options.webRoot ?? WEB_ROOT;
  const webApp = existsSync(`${webRoot}/index.html`);
  registerErrorHandling(app, {
    notFoundFallback: (request, reply) => (webApp && wantsWebApp(request) ? sendWebApp(reply, webRoot) : undefined),
  });

  await app.register(cookie);
  await registerSecurityHeaders(app, config);
  registerCsrfProtection(app, config);
  registerMetrics(app);
  registerDeprecation(app);
  await registerIdempotency(app, platform);

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
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI's own CSP allows same-origin framing; no page of ours may be framed at all.
    transformStaticCSP: (header) => header.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'"),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Subscribers first, then delivery: an event of a type nobody subscribes to counts as delivered.
  subscribeSecurityAlertMails(platform);
  await scheduleUnusedUploadsSweep(platform);
  app.addHook('onReady', async () => platform.events.start());
  app.addHook('onClose', async () => platform.events.stop());

  await app.register(healthRoutes(platform.database.ping, lifecycle));
  await app.register(appAssociationRoutes(config));
  await app.register(
    async (api) => {
      await api.register(accountsRoutes(platform));
      await api.register(loginRoutes(platform));
      await api.register(authRoutes(platform));
      await api.register(settingsRoutes(platform));
      await api.register(stepUpRoutes(platform));
      await api.register(mfaRoutes(platform));
      await api.register(oneTimeCodeRoutes(platform));
      await api.register(passkeyRoutes(platform));
      await api.register(passkeyLoginRoutes(platform));
      await api.register(oidcRoutes(platform));
      await api.register(providerAppRoutes(platform));
      await api.register(identitiesRoutes(platform));
      await api.register(sessionsRoutes(platform));
      await api.register(securityRoutes(platform));
      await api.register(emailChangeRoutes(platform));
      await api.register(adminRoutes(platform));
      await api.register(supportRoutes(platform));
      await api.register(supportAdminRoutes(platform));
      await api.register(filesRoutes(platform));
      // Profiles sit beside auth in the module order, so auth's answer is handed in here.
      await api.register(profilesRoutes({ ...platform, phoneVerified: hasVerifiedPhone }));
    },
    { prefix: '/api/v1' },
  );
  if (config.devTools) await app.register(devMailRoutes(platform.mailer));
  if (config.devTools) await app.register(devSmsRoutes(platform.sms));
  if (webApp) await registerWebApp(app, webRoot);
  return app;
}
