/** Every table, gathered for Drizzle's relational API and drizzle-kit. */
export * from '../modules/accounts/accounts.table.js';
export * from '../modules/sessions/sessions.table.js';
export * from '../modules/security/audit.table.js';
export * from '../modules/security/known-device.table.js';
export * from '../modules/auth/flows/login-challenge.table.js';
export * from '../modules/auth/methods/totp/totp.table.js';
export * from '../modules/auth/methods/recovery-code/recovery-code.table.js';
export * from '../modules/auth/methods/one-time-code/one-time-code.table.js';
export * from '../modules/auth/methods/passkey/passkey.table.js';
export * from '../modules/admin/admin.table.js';
export * from '../modules/support/support.table.js';
export * from '../modules/auth/methods/oidc/identity.table.js';
export * from '../modules/security/second-step-lockout.table.js';
export * from './outbox/outbox.table.js';
