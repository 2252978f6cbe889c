/**
 * Outages of the services the server depends on (PostgreSQL, Redis). An adapter that cannot
 * reach its service throws DependencyUnavailableError, which the error handler answers with
 * 503 service_unavailable and Retry-After instead of a 500. The adapter's OutageLog writes one
 * line when an outage begins, naming its cause (never a query or its parameters), and one when
 * the service answers again, with how long it was away and how many calls failed meanwhile,
 * so a stream of failing requests does not become a stream of log lines.
 */
import type { Logger } from 'pino';

export type Dependency = 'database' | 'redis';

/** What a client is told to wait before retrying while a dependency is away. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
  readonly dependency: Dependency;
  constructor(dependency: Dependency, cause: unknown) {
    super(`${dependency} unavailable`, { cause });
    this.dependency = dependency;
  }
}

/** The DependencyUnavailableError in an error or its chain of causes (Drizzle wraps driver errors). */
export function findUnavailableDependency(error: unknown): DependencyUnavailableError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof DependencyUnavailableError) return current;
  }
  return undefined;
}

/** A cause, told without the query text and parameters some wrappers put in their message. */
export function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
}

export interface OutageLog {
  /** Records a failed call; returns the error to throw. Logs only the first of an outage. */
  failed(cause: unknown): DependencyUnavailableError;
  /** Records a call that succeeded; logs the end of an outage in progress. */
  succeeded(): void;
}

export function createOutageLog(dependency: Dependency, log: Logger | undefined): OutageLog {
  let outage: { since: number; failures: number } | undefined;
  return {
    failed(cause) {
      if (outage) outage.failures += 1;
      else {
        outage = { since: Date.now(), failures: 1 };
        log?.error({ dependency, cause: describeCause(cause) }, `${dependency} unavailable; answering 503 until it is back`);
      }
      return new DependencyUnavailableError(dependency, cause);
    },
    succeeded() {
      if (!outage) return;
      const { since, failures } = outage;
      outage = undefined;
      log?.warn({ dependency, seconds: Math.round((Date.now() - since) / 1000), failedCalls: failures }, `${dependency} available again`);
    },
  };
}
