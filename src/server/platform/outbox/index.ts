/** Domain events through the transactional outbox: the public surface (see docs/events-and-jobs.md). */
export { createEventBus, type EventBus, type PublishedEvent, type Subscriber } from './event-bus.js';
export { publish, type DomainEvent } from './publish.js';
