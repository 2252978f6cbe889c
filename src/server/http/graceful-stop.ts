/**
 * Stopping without losing a request. When the process is asked to stop:
 * 1. readiness (/readyz) answers 503 at once, so load balancers stop sending new requests here;
 * 2. for the drain period (SHUTDOWN_DRAIN_SECONDS) the server goes on accepting connections and
 *    answering as usual, for the requests a balancer sends before it notices; every answer says
 *    `Connection: close`, so keep-alive clients reconnect, and through the balancer elsewhere;
 * 3. the listening socket closes, idle keep-alive connections close, and the requests in flight
 *    are answered; connections still open after SHUTDOWN_TIMEOUT_SECONDS are cut;
 * 4. the platform (database, kv, mail and other queues) closes.
 * No request that reached the server is answered 503 because it is stopping (Fastify's
 * return503OnClosing is off): a proxy such as nginx does not retry a POST it has sent.
 */
import type { FastifyInstance } from 'fastify';

/** Shared between the stop sequence, the readiness route and the answers. */
export interface Lifecycle {
  /** Set when the stop sequence begins; readiness answers 503 from then on. */
  stopping: boolean;
}

export function createLifecycle(): Lifecycle {
  return { stopping: false };
}

export interface StopOptions {
  drainMs: number;
  timeoutMs: number;
  /** Closes what the requests used (database, kv, queues), after the last answer. */
  closePlatform(): Promise<void>;
}

/** How the stop ended: every request answered, or some connections cut at the timeout. */
export type StopOutcome = 'clean' | 'cut';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Lets the event loop poll its sockets a few times: connections the kernel has queued while the
 * loop was busy are accepted (one poll) and their requests read (the next), so closing the
 * listening socket does not reset them: a connection whose request is not read yet counts as
 * idle and would be closed with the idle ones.
 */
async function acceptWhatIsQueued(): Promise<void> {
  for (let pass = 0; pass < 3; pass++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Runs the stop sequence above; resolves when everything is closed. */
export async function stopGracefully(app: FastifyInstance, lifecycle: Lifecycle, options: StopOptions): Promise<StopOutcome> {
  lifecycle.stopping = true;
  app.log.info({ drainSeconds: options.drainMs / 1000 }, 'stopping: readiness answers 503; still answering during the drain');
  if (options.drainMs > 0) await sleep(options.drainMs);
  await acceptWhatIsQueued();
  app.log.info('stopping: no longer accepting connections; finishing requests in flight');
  const closed = app.close();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
  let outcome: StopOutcome = 'clean';
  if ((await Promise.race([closed.then(() => 'closed' as const), timedOut])) === 'timeout') {
    outcome = 'cut';
    app.log.error({ timeoutSeconds: options.timeoutMs / 1000 }, 'stopping: requests still in flight at the timeout; cutting their connections');
    app.server.closeAllConnections();
    await closed;
  }
  clearTimeout(timer);
  await options.closePlatform();
  return outcome;
}
