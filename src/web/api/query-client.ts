/**
 * The TanStack Query client. Any query or mutation answered 401 unauthenticated (a session
 * that expired or was revoked mid-use) hands over to `onUnauthenticated`, which clears the
 * cache and sends the person to log in, unless the call is marked `anonymousOk`. Any call
 * answered 403 account_suspended (the account was suspended mid-use) hands over to
 * `onSuspended` with the public reason, whatever the call.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import type { ClientProblem } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { anonymousOk?: boolean };
    mutationMeta: { anonymousOk?: boolean };
  }
}

export function createQueryClient(options: { onUnauthenticated: () => void; onSuspended?: (problem: ClientProblem) => void }): QueryClient {
  const handle = (error: unknown, meta: { anonymousOk?: boolean } | undefined) => {
    if (isApiError(error, 'account_suspended')) return options.onSuspended?.(error.problem);
    if (!meta?.anonymousOk && isApiError(error, 'unauthenticated')) options.onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handle(error, query.meta) }),
    mutationCache: new MutationCache({ onError: (error, _variables, _context, mutation) => handle(error, mutation.meta) }),
    defaultOptions: {
      queries: {
        // Retry only what a retry can fix: never a 4xx.
        retry: (failureCount, error) => failureCount < 2 && !(isApiError(error) && error.problem.status >= 400 && error.problem.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
