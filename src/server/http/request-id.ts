/**
 * Every answer carries `X-Request-Id`, and every log line of the request carries the same id
 * (pino's `reqId`), so a person quoting the header to support finds the request in the logs.
 * The id is made here (a random UUID) unless the TCP peer is a proxy TRUST_PROXY trusts and it
 * sent one: then the proxy's id is kept, so one id follows the request through every hop.
 * A client cannot choose its own id otherwise: a forged id could make its requests look like
 * someone else's in the logs. A proxy's id is taken only when it is short and plain (no
 * spaces or control characters), so it cannot forge log lines either.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** Request and response header carrying the request id. */
export const REQUEST_ID_HEADER = 'x-request-id';

const PLAIN_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

type TrustFunction = (address: string, hop: number) => boolean;

/** The same reading of TRUST_PROXY as Fastify's for `request.ip` (fastify/lib/request.js). */
function trustFunction(trustProxy: Config['trustProxy']): TrustFunction {
  if (trustProxy === true) return () => true;
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return proxyAddr.compile(trustProxy.split(',').map((part) => part.trim()));
}

/** Fastify's genReqId: the trusted proxy's id, or a new UUID. */
export function requestIdGenerator(config: Config): (request: IncomingMessage) => string {
  const trusts = trustFunction(config.trustProxy);
  return (request) => {
    const sent = request.headers[REQUEST_ID_HEADER];
    const peer = request.socket?.remoteAddress;
    if (typeof sent === 'string' && PLAIN_ID.test(sent) && peer !== undefined && trusts(peer, 0)) return sent;
    return randomUUID();
  };
}

/** Answers, errors and 404s included, name their request. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
