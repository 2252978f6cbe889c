import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // schema.ts gathers the tables Drizzle's relational API reads (db.query.*); tables read with
  // the query builder alone, and the marketplace modules' tables behind their walls, are listed
  // here instead, so platform/ imports no further module.
  schema: [
    './src/server/platform/schema.ts',
    './src/server/modules/security/lockout.table.ts',
    './src/server/modules/files/*.table.ts',
    './src/server/modules/profiles/*.table.ts',
    './src/server/http/idempotency/*.table.ts',
  ],
  out: './drizzle',
});
