/** SQL building blocks for modules that each contribute a part of one query. */
import { and, eq, exists, gte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { QueryBuilder, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './db.js';

/** Builds queries to embed in others; it never runs one, so it needs no database. */
export const queryBuilder = new QueryBuilder();

/** `exists (select 1 from <table> where <condition>)` as a boolean expression. */
export function rowExists(table: PgTable, condition: SQL | undefined): SQL<boolean> {
  return exists(queryBuilder.select({ one: sql`1` }).from(table).where(condition)).mapWith(Boolean);
}

/** A query of one column and at most one row, as a value: null when it finds no row. */
export function scalar<T>(query: SQLWrapper): SQL<T | null> {
  return sql<T | null>`(${query})`;
}

/**
 * Whether `table` has rows that belong to `userId` and were made at or after `since` (and
 * match `also`, when given).
 */
export async function hasRowsMadeSince(
  db: Database,
  table: PgTable,
  columns: { userId: PgColumn; createdAt: PgColumn },
  target: { userId: string; since: Date; also?: SQL },
): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(table)
    .where(and(eq(columns.userId, target.userId), gte(columns.createdAt, target.since), target.also))
    .limit(1);
  return rows.length > 0;
}
