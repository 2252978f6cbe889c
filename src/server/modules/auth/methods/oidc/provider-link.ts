/**
 * Connecting a provider account to an existing Workgate account. It happens only after the
 * person proves the Workgate account too:
 * - from the security settings, signed in with a recent authentication (intent `link`);
 * - after a provider sign-in found a *verified* account with the same verified address: the
 *   person logs in to that account in the same browser (password and second step, or a
 *   passkey), and the login connects the provider; or they ask for a mail link instead.
 * An unverified address on either side never connects anything (pre-account takeover), and a
 * provider account connected elsewhere stays there. The owner is mailed after each connection.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import { findUserById, lockUser, type UserRow } from '../../../accounts/accounts.queries.js';
import { mayMailAddress } from '../../../accounts/accounts.service.js';
import { consumeUserTokenWithPayload, issueUserToken } from '../../../accounts/user-tokens.js';
import { revokeSessionsBegunWith } from '../../../sessions/sessions.service.js';
import { recordAuditEvent } from '../../../security/audit.service.js';
import { countPasskeys } from '../passkey/passkey.queries.js';
import { deleteIdentity, findIdentity, insertIdentity, listIdentities, releaseHeldIdentity } from './identities.queries.js';
import { configuredProvider, providerView } from './provider-clients.js';
import { clearCookie, pendingLinkOf, type PendingLink } from './provider-flow-state.js';
import { providerConnectedMail, providerLinkMail } from './provider.mail.js';

/**
 * Connects `identity` to `user`, audits it and tells the owner. Answers false when the
 * provider account is already connected to an account (this one included).
 */
export async function connectIdentity(
  deps: Deps,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  identity: { provider: string; subject: string; email: string | null },
  context: RequestContext,
  via: 'settings' | 'login' | 'email_link',
): Promise<boolean> {
  const provider = configuredProvider(deps.config, identity.provider);
  const connected = await deps.db.transaction(async (tx) => {
    const row = await insertIdentity(tx, { userId: user.id, ...identity, now: deps.clock.now() });
    if (!row) return false;
    await recordAuditEvent(deps, tx, context, {
      event: 'identity_linked',
      userId: user.id,
      details: { method: provider.id, provider: provider.label, via },
    });
    // The owner's notice commits with the new way in.
    await deps.mailer.enqueue(providerConnectedMail(deps.config, user.email, user.name, provider.label), { tx });
    return true;
  });
  return connected;
}

/**
 * Called by every successful browser login: connects the provider account this browser was
 * asked to prove, when the login was to the account it matched. The pending link goes either way.
 */
export async function completePendingLink(deps: Deps, reply: FastifyReply, user: UserRow, context: RequestContext): Promise<void> {
  const pending = await pendingLinkOf(deps, reply.request, { take: true });
  if (!pending) return;
  clearCookie(deps.config, reply, 'link');
  if (pending.userId !== user.id || !deps.config.oidcProviders.some((p) => p.id === pending.provider)) return;
  await connectIdentity(deps, user, pending, context, 'login');
}

/** Mails the matched account's owner a link that connects the provider account this browser brought. */
export async function mailLinkForPending(deps: Deps, request: FastifyRequest, context: RequestContext): Promise<void> {
  const pending = await pendingLinkOf(deps, request, { take: false });
  if (!pending) throw new AppError('challenge_expired');
  const user = await findUserById(deps.db, pending.userId);
  if (!user || !(await mayMailAddress(deps, user.email))) return;
  const provider = configuredProvider(deps.config, pending.provider);
  const payload: Record<string, string> = { provider: pending.provider, subject: pending.subject, email: pending.email };
  const token = await deps.db.transaction(async (tx) => {
    await recordAuditEvent(deps, tx, context, {
      event: 'identity_link_mailed',
      userId: user.id,
      details: { method: provider.id, provider: provider.label },
    });
    return issueUserToken(deps, tx, user.id, 'provider_link', { payload });
  });
  await deps.mailer.enqueue(providerLinkMail(deps.config, user.email, user.name, provider.label, token));
}

/** Uses a "connect your account" mail link; answers the provider now connected. */
export async function confirmLinkFromMail(deps: Deps, token: string, context: RequestContext) {
  const { userId, payload } = await consumeUserTokenWithPayload(deps, deps.db, token, 'provider_link');
  const user = await findUserById(deps.db, userId);
  const link = payload as Partial<PendingLink>;
  if (!user || !link.provider || !link.subject) throw new AppError('invalid_token');
  const provider = configuredProvider(deps.config, link.provider);
  // The mail went to the account's address; the link is void if the address changed since.
  if (link.email !== user.email) throw new AppError('invalid_token');
  const connected = await connectIdentity(deps, user, { provider: link.provider, subject: link.subject, email: link.email }, context, 'email_link');
  if (!connected && (await findIdentity(deps.db, link.provider, link.subject))?.userId !== user.id) {
    throw new AppError('oidc_identity_taken');
  }
  return { provider: providerView(provider) };
}

/**
 * Disconnects one of the user's provider accounts, unless it is the account's last way to
 * sign in (no password, no passkey, no other provider): 409 last_sign_in_method. The
 * sessions that began with that provider end with it (someone may be disconnecting it because
 * that provider account is no longer theirs alone), except the one asking.
 */
export async function unlinkIdentity(
  deps: Deps,
  user: Pick<UserRow, 'id'>,
  identityId: string,
  context: RequestContext,
  options: { currentSessionId: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // The user row is locked first, so two disconnections at once cannot each count the other's identity as a way in.
    const owner = await lockUser(tx, user.id);
    const removed = await deleteIdentity(tx, user.id, identityId);
    if (!removed) throw new AppError('not_found');
    // Only providers still configured can sign anyone in.
    const configured = new Set(deps.config.oidcProviders.map((provider) => provider.id));
    const providers = (await listIdentities(tx, user.id)).filter((identity) => configured.has(identity.provider)).length;
    const remaining = providers + (await countPasskeys(tx, user.id));
    // Throwing rolls the delete back.
    if (!owner?.passwordHash && remaining === 0) throw new AppError('last_sign_in_method');
    const label = deps.config.oidcProviders.find((p) => p.id === removed.provider)?.label ?? removed.provider;
    // Sessions record the provider, not which of its accounts: with two Google accounts
    // connected, disconnecting one signs out the sessions of both (they sign in again).
    const ended = await revokeSessionsBegunWith(deps, tx, user.id, removed.provider, { exceptSessionId: options.currentSessionId });
    await recordAuditEvent(deps, tx, context, {
      event: 'identity_unlinked',
      userId: user.id,
      details: { method: removed.provider, provider: label, sessionsEnded: ended },
    });
  });
}

/**
 * Keeps a provider connection that was held after a reported sign-in: the owner, signed in
 * again, says it is theirs, and it signs in again. Another user's id, or a connection not on
 * hold, is not_found.
 */
export async function keepIdentity(deps: Deps, user: Pick<UserRow, 'id'>, identityId: string, context: RequestContext): Promise<void> {
  const kept = await releaseHeldIdentity(deps.db, user.id, identityId);
  if (!kept) throw new AppError('not_found');
  const label = deps.config.oidcProviders.find((p) => p.id === kept.provider)?.label ?? kept.provider;
  await recordAuditEvent(deps, deps.db, context, { event: 'identity_kept', userId: user.id, details: { method: kept.provider, provider: label } });
}
