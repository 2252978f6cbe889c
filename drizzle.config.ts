import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The account modules' tables are gathered in platform/schema.ts; marketplace modules keep
  // theirs behind their walls, so drizzle-kit reads their *.table.ts files directly.
  schema: ['./src/server/platform/schema.ts', './src/server/modules/files/*.table.ts', './src/server/modules/profiles/*.table.ts'],
  out: './drizzle',
});
