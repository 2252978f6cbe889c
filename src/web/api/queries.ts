/** Query keys and options shared by the screens, so invalidation names one thing. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { listSessions } from './account-api';
import { fetchSession } from './auth-api';
import { fetchMfaStatus } from './mfa-api';
import { listPasskeys } from './passkey-api';
import { listIdentities, listProviders, readOutcome } from './provider-api';

export const queryKeys = {
  session: ['session'] as const,
  deviceSessions: ['account', 'sessions'] as const,
  mfaStatus: ['account', 'mfa'] as const,
  passkeys: ['account', 'passkeys'] as const,
  identities: ['account', 'identities'] as const,
  providers: ['providers'] as const,
  providerOutcome: ['provider-outcome'] as const,
  activity: ['account', 'activity'] as const,
  devTools: ['dev-tools'] as const,
  myTickets: ['account', 'support'] as const,
  myTicket: (id: string) => ['account', 'support', id] as const,
  admin: ['admin'] as const,
  adminUsers: (query: string) => ['admin', 'users', query] as const,
  adminUser: (id: string) => ['admin', 'user', id] as const,
  adminQueue: (status: string) => ['admin', 'support', status] as const,
  adminTicket: (id: string) => ['admin', 'ticket', id] as const,
  adminAudit: (filters: object) => ['admin', 'audit', filters] as const,
};

/**
 * Who is signed in. A 401 here is an answer ("nobody"), not a failure: public pages ask it
 * too, so it is marked to skip the global "session ended, go to login" handler.
 */
export const sessionQuery = queryOptions({
  queryKey: queryKeys.session,
  queryFn: fetchSession,
  retry: false,
  meta: { anonymousOk: true },
});

/** The signed-in user and session, or undefined while unknown or signed out. */
export function useSession() {
  return useQuery(sessionQuery);
}

export const deviceSessionsQuery = queryOptions({
  queryKey: queryKeys.deviceSessions,
  queryFn: listSessions,
});

/** The second factors set up on the account and how many recovery codes are left. */
export const mfaStatusQuery = queryOptions({
  queryKey: queryKeys.mfaStatus,
  queryFn: fetchMfaStatus,
});

export const passkeysQuery = queryOptions({
  queryKey: queryKeys.passkeys,
  queryFn: listPasskeys,
});

/** Connected providers, the ones that could be connected, and whether the account has a password. */
export const identitiesQuery = queryOptions({
  queryKey: queryKeys.identities,
  queryFn: listIdentities,
});

/** The sign-in providers configured on this deployment; public, and it rarely changes. */
export const providersQuery = queryOptions({
  queryKey: queryKeys.providers,
  queryFn: listProviders,
  staleTime: 5 * 60_000,
  meta: { anonymousOk: true },
});

/** The configured providers; none while loading, or when they cannot be loaded (the buttons stay away). */
export function useProviders() {
  return useQuery(providersQuery).data?.providers ?? [];
}

/**
 * What the provider's answer came to. Read once per visit of /login/provider: a second read
 * (window focus, a remount) could find the outcome already spent and show "expired" instead.
 */
export const providerOutcomeQuery = queryOptions({
  queryKey: queryKeys.providerOutcome,
  queryFn: readOutcome,
  staleTime: Infinity,
  gcTime: 0,
  retry: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  meta: { anonymousOk: true },
});

/** True when the server offers the dev mail outbox (never in production). */
async function probeDevTools(): Promise<boolean> {
  try {
    const response = await fetch('/dev/mail.css', { method: 'HEAD', cache: 'no-store' });
    return response.ok && (response.headers.get('content-type') ?? '').includes('text/css');
  } catch {
    return false;
  }
}

export const devToolsQuery = queryOptions({
  queryKey: queryKeys.devTools,
  queryFn: probeDevTools,
  staleTime: Infinity,
  meta: { anonymousOk: true },
});
