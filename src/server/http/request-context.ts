import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../platform/deps.js';

const USER_AGENT_MAX = 512;

/** Who is asking, as recorded on sessions and audit events. The IP honours TRUST_PROXY. */
export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}
