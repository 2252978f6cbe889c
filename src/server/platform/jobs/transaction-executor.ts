/**
 * pg-boss's `db` option for one call, backed by a drizzle transaction, so a job is stored in
 * the transaction of the change that asks for it. pg-boss hands SQL text with $1, $2, …;
 * drizzle numbers the parameters it is given in order, so the text is rebuilt with each
 * value as a parameter. A parameter named twice would become two parameters whose types
 * PostgreSQL infers apart, so that is refused rather than risked.
 */
import { sql, type SQL } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Database } from '../db.js';

/** SQL text with $n placeholders and their values, as one drizzle query. */
export function positionalQuery(text: string, values: readonly unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  const seen = new Set<number>();
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      chunks.push(sql.raw(part));
      return;
    }
    const position = Number(part);
    if (seen.has(position)) throw new Error(`parameter $${position} appears twice; it cannot run in a drizzle transaction`);
    seen.add(position);
    chunks.push(sql`${values[position - 1] ?? null}`);
  });
  return sql.join(chunks);
}

export function executorOf(tx: Database): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = (await tx.execute(positionalQuery(text, values))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}
