import { describe, expect, it } from 'vitest';
import type { Database } from './db.js';
import { createBatchedLookup } from './batched-lookup.js';

interface Row {
  owner: string;
}

/** Statements over a fixed table, recording what each query was asked. */
function fakeStatements(table: Record<string, string>, options: { fail?: boolean } = {}) {
  const calls: { statement: 'one' | 'many'; keys: string[] }[] = [];
  const rowOf = (key: string): Row[] => (key in table ? [{ owner: table[key]! }] : []);
  const lookup = createBatchedLookup<Row>({
    one: () => ({
      async execute({ key }) {
        calls.push({ statement: 'one', keys: [key] });
        if (options.fail) throw new Error('connection lost');
        return rowOf(key);
      },
    }),
    many: () => ({
      async execute({ keys }) {
        calls.push({ statement: 'many', keys });
        if (options.fail) throw new Error('connection lost');
        return keys.flatMap((key) => rowOf(key).map((row) => ({ ...row, key })));
      },
    }),
  });
  return { lookup, calls };
}

const db = {} as Database;

describe('createBatchedLookup', () => {
  it('answers each caller with its own row when several ask in the same turn, in one query', async () => {
    const { lookup, calls } = fakeStatements({ a: 'Ada', b: 'Bo', c: 'Cy' });
    const answers = await Promise.all(['c', 'a', 'missing', 'b', 'a'].map((key) => lookup(db, key)));
    expect(answers).toEqual([{ owner: 'Cy' }, { owner: 'Ada' }, undefined, { owner: 'Bo' }, { owner: 'Ada' }]);
    expect(calls).toEqual([{ statement: 'many', keys: ['c', 'a', 'missing', 'b'] }]);
  });

  it('reads a key alone in its turn with the single-key statement, and every turn afresh', async () => {
    const table: Record<string, string> = { a: 'Ada' };
    const { lookup, calls } = fakeStatements(table);
    expect(await lookup(db, 'a')).toEqual({ owner: 'Ada' });
    delete table.a;
    expect(await lookup(db, 'a')).toBeUndefined();
    expect(calls).toEqual([
      { statement: 'one', keys: ['a'] },
      { statement: 'one', keys: ['a'] },
    ]);
  });

  it('asks twice for the same key in one turn only once', async () => {
    const { lookup, calls } = fakeStatements({ a: 'Ada' });
    expect(await Promise.all([lookup(db, 'a'), lookup(db, 'a')])).toEqual([{ owner: 'Ada' }, { owner: 'Ada' }]);
    expect(calls).toEqual([{ statement: 'one', keys: ['a'] }]);
  });

  it('splits a long queue into statements of at most 200 keys', async () => {
    const table = Object.fromEntries(Array.from({ length: 450 }, (_, i) => [`k${i}`, `owner ${i}`]));
    const { lookup, calls } = fakeStatements(table);
    const answers = await Promise.all(Object.keys(table).map((key) => lookup(db, key)));
    expect(answers.map((row) => row?.owner)).toEqual(Object.values(table));
    expect(calls.map((call) => call.keys.length)).toEqual([200, 200, 50]);
  });

  it('fails every caller of a turn whose query fails, and the next turn tries again', async () => {
    const database = { fail: true };
    const { lookup } = fakeStatements({ a: 'Ada' }, database);
    const results = await Promise.allSettled([lookup(db, 'a'), lookup(db, 'b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    database.fail = false;
    expect(await lookup(db, 'a')).toEqual({ owner: 'Ada' });
  });

  it('keeps the queues of two databases apart', async () => {
    const { lookup, calls } = fakeStatements({ a: 'Ada', b: 'Bo' });
    const other = {} as Database;
    await Promise.all([lookup(db, 'a'), lookup(other, 'b')]);
    expect(calls).toEqual([
      { statement: 'one', keys: ['a'] },
      { statement: 'one', keys: ['b'] },
    ]);
  });
});
