/**
 * How a route is retired (docs/api.md, "Conventions"): it is marked deprecated with the date
 * it was, and the date it stops answering once that is decided. Every answer of such a route
 * then carries `Deprecation: @<unix seconds>` (RFC 9745), `Sunset: <HTTP-date>` (RFC 8594) and
 * a `Link` to the notice that names the replacement, and the OpenAPI document marks the
 * operation deprecated. A route answers at least six months after its Deprecation date.
 *
 *   app.post('/old', { config: deprecatedRoute({ since: '2027-01-01', sunset: '2027-07-01', link: '/docs/api#…' }), … })
 */
import type { FastifyInstance } from 'fastify';

export interface DeprecationPolicy {
  /** When the route was deprecated (ISO 8601 date). */
  since: string;
  /** When it stops answering, once decided (ISO 8601 date). */
  sunset?: string;
  /** Where the notice and the replacement are described (absolute, or a path of PUBLIC_URL). */
  link?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    deprecated?: DeprecationPolicy;
  }
}

/** Route `config` marking the route deprecated under `policy`. */
export function deprecatedRoute(policy: DeprecationPolicy): { deprecated: DeprecationPolicy } {
  return { deprecated: policy };
}

function headersOf(policy: DeprecationPolicy): Record<string, string> {
  const since = Date.parse(policy.since);
  if (Number.isNaN(since)) throw new Error(`deprecatedRoute: since is not a date: ${policy.since}`);
  const headers: Record<string, string> = { deprecation: `@${Math.floor(since / 1000)}` };
  if (policy.sunset !== undefined) {
    const sunset = Date.parse(policy.sunset);
    if (Number.isNaN(sunset)) throw new Error(`deprecatedRoute: sunset is not a date: ${policy.sunset}`);
    headers.sunset = new Date(sunset).toUTCString();
  }
  if (policy.link !== undefined) headers.link = `<${policy.link}>; rel="deprecation"; type="text/html"`;
  return headers;
}

/** Registered before the routes and before the OpenAPI plugin, which reads the schema flag. */
export function registerDeprecation(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const policy = route.config?.deprecated;
    if (!policy) return;
    // Checked at start-up: a typo in a date stops the start instead of sending a bad header.
    const headers = headersOf(policy);
    route.schema = { ...route.schema, deprecated: true } as typeof route.schema;
    const previous = route.onSend;
    const announce = async (_request: unknown, reply: { header(name: string, value: string): unknown }) => {
      for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    };
    route.onSend = previous ? [...(Array.isArray(previous) ? previous : [previous]), announce] : [announce];
  });
}
