/**
 * Publishing a domain event: one row in the outbox, written with the caller's transaction,
 * so the event exists exactly when the change it announces does. Delivery is the
 * dispatcher's (event-bus.ts), in this process or any other instance.
 */
import { EventEmitter } from 'node:events';
import type { Database } from '../db.js';
import { outbox } from './outbox.table.js';

export interface DomainEvent<P extends object = Record<string, unknown>> {
  /** What happened, as `<module>.<past tense>`: `proposal.submitted`, `security.alert_raised`. */
  type: string;
  /** The thing it happened to (a user, a contract): events of one aggregate arrive in order. */
  aggregateId: string;
  /** Plain JSON: what subscribers need without reading the publisher's tables. */
  payload: P;
}

/** Tells the dispatchers of this process that an event may be waiting (they also poll). */
export const publications = new EventEmitter();
// One listener per running dispatcher: a test process runs many apps at once.
publications.setMaxListeners(0);

/** Records `event` in `tx`; pass the transaction of the change, or the database for a change already committed. */
export async function publish<P extends object>(tx: Database, event: DomainEvent<P>): Promise<void> {
  await tx.insert(outbox).values({
    type: event.type,
    aggregateId: event.aggregateId,
    payload: event.payload as Record<string, unknown>,
  });
  publications.emit('published');
}
