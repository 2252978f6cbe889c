/**
 * The one place that declares which way module dependencies point. A module may use the
 * public surface (its `index.ts`) of modules in lower layers, never of its own layer or a
 * higher one; reactions that would point upwards travel as domain events instead.
 * tests/architecture.test.ts reads this list and fails on any import that crosses it.
 *
 * The marketplace's order (MARKETPLACE.md, Modules) with the account modules placed in it:
 * sessions and the security module (audit, lockout, devices and alerts) sit above accounts,
 * because they read accounts' users and accounts reads none of theirs.
 */
export const MODULE_LAYERS: readonly (readonly string[])[] = [
  // The append-only audit trail: every module records to it, it records nothing of theirs.
  ['audit'],
  ['accounts', 'ledger', 'files'],
  ['sessions', 'security'],
  ['auth', 'profiles', 'connects', 'payments'],
  ['admin', 'support', 'jobs', 'proposals', 'contracts', 'messages'],
  ['notifications', 'realtime'],
  ['health', 'dev'],
];
