/**
 * Lookups by key that arrive in the same turn of the event loop share one query.
 *
 * Under load the server parses several requests in one poll phase, and a round trip to
 * PostgreSQL costs a request about as much as all the rest of its work (system calls and
 * context switches on both sides). The keys queued during a turn are sent together after it
 * (`setImmediate`), as `key = any($1)`. Each lookup still reads the database after its
 * request arrived, so whatever was committed before is seen; alone in its turn, a lookup is a
 * single-key statement. Give it the database handle, never a transaction: the query runs
 * after the caller's turn, when a transaction may have ended (and PGlite would wait on it).
 */
import type { Database } from './db.js';

// Taken when the module loads, so tests that fake timers cannot hold every session check.
const nextTurn = setImmediate;

/** Bounds one statement's array; a longer queue is sent as several statements at once. */
const MAX_KEYS_PER_QUERY = 200;

interface Waiting<Row> {
  key: string;
  resolve(row: Row | undefined): void;
  reject(error: unknown): void;
}

interface Queue<Row> {
  waiting: Waiting<Row>[];
}

/**
 * The two statements of a lookup: `one` reads a single key's row; `many` reads the rows of
 * several keys, each row carrying its `key` so that answers go back to the right caller.
 */
export interface BatchedLookupStatements<Row> {
  one(db: Database): { execute(values: { key: string }): Promise<Row[]> };
  many(db: Database): { execute(values: { keys: string[] }): Promise<(Row & { key: string })[]> };
}

export function createBatchedLookup<Row>(statements: BatchedLookupStatements<Row>) {
  const queues = new WeakMap<Database, Queue<Row>>();

  async function send(db: Database, waiting: Waiting<Row>[]): Promise<void> {
    try {
      const keys = [...new Set(waiting.map((w) => w.key))];
      const found = new Map<string, Row>();
      if (keys.length === 1) {
        const [row] = await statements.one(db).execute({ key: keys[0]! });
        if (row) found.set(keys[0]!, row);
      } else {
        const chunks: string[][] = [];
        for (let i = 0; i < keys.length; i += MAX_KEYS_PER_QUERY) chunks.push(keys.slice(i, i + MAX_KEYS_PER_QUERY));
        const results = await Promise.all(chunks.map((keys) => statements.many(db).execute({ keys })));
        for (const { key, ...row } of results.flat()) found.set(key, row as Row);
      }
      for (const w of waiting) w.resolve(found.get(w.key));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }

  /** The row of `key`, read together with the other keys asked for in this turn. */
  return function load(db: Database, key: string): Promise<Row | undefined> {
    let queue = queues.get(db);
    if (!queue) {
      const fresh: Queue<Row> = { waiting: [] };
      queues.set(db, (queue = fresh));
      nextTurn(() => {
        queues.delete(db);
        void send(db, fresh.waiting);
      });
    }
    const { waiting } = queue;
    return new Promise((resolve, reject) => waiting.push({ key, resolve, reject }));
  };
}
