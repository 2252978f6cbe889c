/** Every table, gathered for Drizzle's relational API and drizzle-kit. */
export * from '../modules/accounts/accounts.table.js';
export * from '../modules/sessions/sessions.table.js';
export * from '../modules/security/audit.table.js';
