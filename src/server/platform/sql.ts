/** SQL building blocks for modules that each contribute a part of one query. */
import { exists, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { QueryBuilder, type PgTable } from 'drizzle-orm/pg-core';

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
