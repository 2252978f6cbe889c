/**
 * The first sign-in with a provider creates the account once the person has chosen to work
 * as a freelancer or to hire. The provider vouched for the address, so it is verified; the
 * account has no password (one can be set later through a mail link). An unverified sign-up
 * holding the same address is removed first: whoever made it never proved the mailbox, and
 * keeping its password would let them into the owner's account (pre-account takeover).
 */
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import { generateId } from '../../../../platform/secrets.js';
import { insertUser, releaseUnconfirmedEmail, type UserRow } from '../../../accounts/accounts.queries.js';
import { recordAuditEvent } from '../../../security/audit.service.js';
import type { Role } from '../../../../../shared/contracts.js';
import { insertIdentity } from './identities.queries.js';
import { configuredProvider } from './provider-clients.js';
import type { PendingSignup } from './provider-flow-state.js';

export async function createProviderAccount(
  deps: Deps,
  signup: PendingSignup,
  choice: { role: Role; name: string },
  context: RequestContext,
): Promise<UserRow> {
  const provider = configuredProvider(deps.config, signup.provider);
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // A verified account took the address meanwhile: it must be proven, not replaced.
    if (!(await releaseUnconfirmedEmail(tx, signup.email, ''))) throw new AppError('email_taken');
    const user = await insertUser(tx, {
      id: generateId(),
      email: signup.email,
      name: choice.name,
      role: choice.role,
      passwordHash: null,
      emailVerifiedAt: now,
      createdAt: now,
    });
    if (!user) throw new AppError('email_taken');
    const identity = await insertIdentity(tx, { userId: user.id, provider: provider.id, subject: signup.subject, email: signup.email, now });
    // The same provider account finished a sign-up in another tab a moment ago: throwing rolls this one back.
    if (!identity) throw new AppError('oidc_identity_taken');
    await recordAuditEvent(deps, tx, context, {
      event: 'signup',
      userId: user.id,
      details: { role: choice.role, method: provider.id, provider: provider.label },
    });
    return user;
  });
}
