/**
 * Which Workgate account a provider's person is, the same for browsers and native apps:
 * - the provider account is connected → that account, which then passes its own second step
 *   (unless the provider is trusted to report multi-factor sign-ins and reports one);
 * - else the provider must vouch for the address (email_verified), and then
 *   - a confirmed account has it → it must be proven before anything is connected;
 *   - none, or only an unconfirmed sign-up has it → a new account, once a role is chosen.
 */
import type { FastifyReply } from 'fastify';
import type { OidcProviderConfig } from '../../../../config.js';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { findUserByEmail, findUserById, type UserRow } from '../../../accounts/accounts.queries.js';
import { afterFirstFactor } from '../../login.routes.js';
import { findIdentity, touchIdentity } from './identities.queries.js';
import { suggestedName, type ProviderPerson } from './provider-claims.js';
import { savePendingSignup } from './provider-flow-state.js';
import { refuseProviderSignIn } from './provider-refusal.js';

export type ProviderAccount =
  | { kind: 'connected'; user: UserRow }
  | { kind: 'prove_existing'; user: UserRow; email: string }
  | { kind: 'new'; email: string; name: string };

/** Finds the account; refuses (audited) an unconnected person whose address the provider did not verify. */
export async function accountForPerson(
  deps: Deps,
  provider: OidcProviderConfig,
  person: ProviderPerson,
  context: RequestContext,
  client: 'browser' | 'app',
): Promise<ProviderAccount> {
  const identity = await findIdentity(deps.db, provider.id, person.subject);
  if (identity) {
    // Connected after a sign-in the owner reported: perhaps the intruder's way back in.
    if (identity.heldAt) {
      return refuseProviderSignIn(deps, context, provider, {
        code: 'sign_in_method_held',
        reason: 'held_after_report',
        userId: identity.userId,
        ...(client === 'app' ? { client } : {}),
      });
    }
    const user = await findUserById(deps.db, identity.userId);
    if (user) {
      await touchIdentity(deps.db, identity.id, person.email, deps.clock.now());
      return { kind: 'connected', user };
    }
  }
  if (!person.email || !person.emailVerified) {
    return refuseProviderSignIn(deps, context, provider, {
      code: 'oidc_email_unverified',
      reason: 'email_unverified',
      ...(client === 'app' ? { client } : {}),
    });
  }
  const existing = await findUserByEmail(deps.db, person.email);
  if (existing?.emailVerifiedAt) return { kind: 'prove_existing', user: existing, email: person.email };
  return { kind: 'new', email: person.email, name: suggestedName(person) };
}

/** Signs a connected account in: a session, or the challenge of its second step. */
export function signInConnected(
  deps: Deps,
  reply: FastifyReply,
  user: UserRow,
  provider: OidcProviderConfig,
  person: ProviderPerson,
  pending: { client: 'browser' | 'app'; rememberMe: boolean },
  context: RequestContext,
) {
  return afterFirstFactor(deps, reply, user, { ...pending, firstFactor: provider.id }, context, {
    suspensionChecked: false,
    secondFactorDone: provider.mfaFromAmr && person.multiFactor,
  });
}

/** Keeps a new account's details until the role is chosen; answers the sign-up ticket. */
export function holdSignup(
  deps: Deps,
  provider: OidcProviderConfig,
  person: ProviderPerson,
  account: Extract<ProviderAccount, { kind: 'new' }>,
  pending: { client: 'browser' | 'app'; rememberMe: boolean },
): Promise<string> {
  return savePendingSignup(deps, { provider: provider.id, subject: person.subject, email: account.email, name: account.name, ...pending });
}
