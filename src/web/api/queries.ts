/** Query keys and options shared by the screens, so invalidation names one thing. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { listSessions } from './account-api';
import { fetchSession } from './auth-api';
import { fetchMfaStatus } from './mfa-api';
import { listPasskeys } from './passkey-api';

export const queryKeys = {
  session: ['session'] as const,
  deviceSessions: ['account', 'sessions'] as const,
  mfaStatus: ['account', 'mfa'] as const,
  passkeys: ['account', 'passkeys'] as const,
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
