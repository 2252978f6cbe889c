/**
 * Domain events through the outbox (platform/outbox): published with the change's
 * transaction, delivered at least once to each subscriber, in order per aggregate, retried
 * with backoff; a subscriber's writes and its "handled" mark commit together, so a retry
 * repeats nothing that succeeded.
 */
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../src/server/platform/db.js';
import { openDatabase } from '../../src/server/platform/db.js';
import { createEventBus, publish, type EventBus } from '../../src/server/platform/outbox/index.js';
import { outbox } from '../../src/server/platform/outbox/outbox.table.js';
import { until } from '../helpers/server-process.js';
import { createTestDatabase } from '../helpers/test-database.js';

const log = pino({ level: 'silent' });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function database(): Promise<{ handle: DatabaseHandle; url?: string }> {
  const created = await createTestDatabase();
  closers.push(async () => {
    await created.handle.close();
    await created.drop();
  });
  return created;
}

function bus(db: Database): EventBus {
  const events = createEventBus(db, log);
  closers.push(() => events.stop());
  return events;
}

const event = (aggregateId: string, n: number) => ({ type: 'thing.happened', aggregateId, payload: { n } });

it('delivers an event published in a committed transaction once, and one in a rolled-back transaction never', async () => {
  const { handle } = await database();
  const events = bus(handle.db);
  const seen: number[] = [];
  events.subscribe<{ n: number }>('thing.happened', 'test.record', async (e) => void seen.push(e.payload.n));
  events.start();

  await handle.db.transaction(async (tx) => publish(tx, event('a', 1)));
  await handle.db
    .transaction(async (tx) => {
      await publish(tx, event('a', 2));
      throw new Error('the change failed');
    })
    .catch(() => {});
  await events.drain();
  await events.drain();
  expect(seen).toEqual([1]);
  // Delivered events leave the table: their payloads may hold single-use links.
  expect(await handle.db.select().from(outbox)).toEqual([]);
});

it("keeps each aggregate's order through retries, and a failing event holds back only its own aggregate", async () => {
  const { handle } = await database();
  const events = bus(handle.db);
  const seen: string[] = [];
  let failuresLeft = 2;
  events.subscribe<{ n: number }>('thing.happened', 'test.record', async (e) => {
    if (e.aggregateId === 'a' && e.payload.n === 1 && failuresLeft-- > 0) throw new Error('not yet');
    seen.push(`${e.aggregateId}${e.payload.n}`);
  });
  for (const [aggregate, n] of [['a', 1], ['a', 2], ['b', 1], ['a', 3], ['b', 2]] as const) await publish(handle.db, event(aggregate, n));
  events.start();

  await until(() => seen.length === 5, 20_000, 'every event');
  expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
  expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b2']);
  // b went on while a1 waited for its retries (1 s, then 2 s).
  expect(seen.indexOf('b2')).toBeLessThan(seen.indexOf('a1'));
});

it('retries only the subscriber that failed, and what it wrote before failing is undone', async () => {
  const { handle } = await database();
  const events = bus(handle.db);
  const calls = { mailer: 0, counter: 0, followUps: 0 };
  let fail = true;
  events.subscribe('thing.happened', 'test.mailer', async () => void calls.mailer++);
  events.subscribe('thing.happened', 'test.counter', async (e, tx) => {
    calls.counter++;
    // Written in the delivery's transaction: it must not survive the failure.
    await publish(tx, { type: 'thing.followed', aggregateId: e.aggregateId, payload: {} });
    if (fail) {
      fail = false;
      throw new Error('the first try fails');
    }
  });
  events.subscribe('thing.followed', 'test.follow-ups', async () => void calls.followUps++);
  await publish(handle.db, event('a', 1));
  events.start();

  await until(() => calls.followUps === 1, 20_000, 'the follow-up');
  await events.drain();
  expect(calls).toEqual({ mailer: 1, counter: 2, followUps: 1 });
});

it('gives up on an event after its last attempt, logs it, and lets its aggregate go on', async () => {
  const { handle } = await database();
  const events = bus(handle.db);
  const seen: number[] = [];
  events.subscribe<{ n: number }>('thing.happened', 'test.record', async (e) => {
    if (e.payload.n === 1) throw new Error('never works');
    seen.push(e.payload.n);
  });
  await publish(handle.db, event('a', 1));
  await publish(handle.db, event('a', 2));
  // As if it had failed 19 times already.
  await handle.db.update(outbox).set({ attempts: 19 }).where(sql`(${outbox.payload}->>'n')::int = 1`);
  events.start();

  await until(() => seen.length === 1, 20_000, 'the next event');
  expect(seen).toEqual([2]);
  const [abandoned] = await handle.db.select().from(outbox);
  expect(abandoned).toMatchObject({ attempts: 20, lastError: 'test.record: never works' });
  expect(abandoned!.abandonedAt).toBeInstanceOf(Date);
});

it('with two dispatchers on one database, each event is handled once, in order; the second takes over when the first stops', async () => {
  const first = await database();
  // Two instances: on PostgreSQL, two pools; PGlite is one process's, so both use its one connection.
  const other = first.url ? await openDatabase({ url: first.url, poolSize: 2 }) : first.handle;
  if (other !== first.handle) closers.push(() => other.close());
  const seen: { by: string; aggregate: string; n: number }[] = [];
  const dispatchers = (['one', 'two'] as const).map((by, i) => {
    const events = bus(i === 0 ? first.handle.db : other.db);
    events.subscribe<{ n: number }>('thing.happened', 'test.record', async (e) => void seen.push({ by, aggregate: e.aggregateId, n: e.payload.n }));
    events.start();
    return events;
  });
  for (let n = 1; n <= 10; n++) await publish(first.handle.db, event(n % 2 ? 'a' : 'b', n));
  await until(() => seen.length === 10, 20_000, 'ten events');
  expect(new Set(seen.map((s) => s.n)).size).toBe(10);
  for (const aggregate of ['a', 'b']) {
    const order = seen.filter((s) => s.aggregate === aggregate).map((s) => s.n);
    expect(order).toEqual([...order].sort((x, y) => x - y));
  }
  // One dispatcher leads at a time.
  expect(new Set(seen.map((s) => s.by)).size).toBe(1);

  const leader = seen[0]!.by === 'one' ? 0 : 1;
  await dispatchers[leader]!.stop();
  await publish(other.db, event('c', 11));
  await until(() => seen.length === 11, 20_000, 'the event after the hand-over');
  expect(seen[10]!.by).toBe(leader === 0 ? 'two' : 'one');
  expect(await first.handle.db.select().from(outbox).where(eq(outbox.aggregateId, 'c'))).toEqual([]);
});
