/**
 * What /login/provider does with the outcome of a provider's answer (GET /auth/oidc/outcome):
 * go on somewhere (signed in, the second step, connected, confirmed it is you), or ask the
 * person something on the page (finish signing up, connect to the existing account).
 * `next` comes from the server but began as a URL parameter, so it is checked again here.
 */
import type { Provider, ProviderOutcome } from '../api/provider-api';
import type { PendingLogin } from './pending-login';
import { providerName } from './provider-words';
import { safeNextPath, twoStepPathFor } from './safe-next-path';

/** Where the security settings say "<Provider> is now connected." (history state). */
export interface ConnectedNotice {
  connected: string;
}

/** What the login page shows when it opens to connect a provider (history state). */
export interface ConnectNotice {
  connectProvider: string;
}

export type OutcomeStep =
  | {
      kind: 'go';
      to: string;
      state?: ConnectedNotice;
      /** A new session began: nothing cached from before it may remain. */
      newSession?: boolean;
      /** The second step's challenge, to keep in this tab before going on. */
      pendingLogin?: PendingLogin;
    }
  | { kind: 'finish_signup'; provider: Provider; email: string; name: string }
  | { kind: 'connect_existing'; provider: Provider; email: string; loginPath: string; loginState: ConnectNotice };

/** /login with the address filled in, to connect a provider to the account it belongs to. */
export function loginToConnectPath(email: string): string {
  return `/login?${new URLSearchParams({ email, connect: '1' }).toString()}`;
}

export function outcomeStep(outcome: ProviderOutcome): OutcomeStep {
  const name = providerName(outcome.provider);
  switch (outcome.outcome) {
    case 'signed_in':
      return { kind: 'go', to: safeNextPath(outcome.next), newSession: true };
    case 'mfa_required': {
      const { challenge, methods, expiresAt } = outcome;
      return { kind: 'go', to: twoStepPathFor(safeNextPath(outcome.next)), pendingLogin: { challenge, methods, expiresAt, provider: name } };
    }
    case 'signup_required':
      return { kind: 'finish_signup', provider: outcome.provider, email: outcome.email, name: outcome.name };
    case 'link_required':
      return {
        kind: 'connect_existing',
        provider: outcome.provider,
        email: outcome.email,
        loginPath: loginToConnectPath(outcome.email),
        loginState: { connectProvider: name },
      };
    case 'linked':
      return { kind: 'go', to: '/settings/security', state: { connected: name } };
    case 'reauthenticated':
      return { kind: 'go', to: safeNextPath(outcome.next) };
  }
}
