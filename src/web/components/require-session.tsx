/**
 * Guards the signed-in pages. Nothing of the page renders until GET /auth/session has
 * answered: a neutral loading state first, then the page, or a redirect to
 * /login?next=<this page> so the person comes back here after logging in.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../api/client';
import { errorMessage } from '../api/error-messages';
import { queryKeys, useSession } from '../api/queries';
import { loginPathFor } from '../lib/safe-next-path';
import { Button } from './ui/button';
import { FormAlert } from './ui/form-alert';
import { LoadingState } from './ui/loading-state';

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const signedOut = isApiError(session.error, 'unauthenticated');

  useEffect(() => {
    // The session ended: forget whatever was cached for it, keep only the "nobody" answer.
    if (signedOut) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  }, [signedOut, queryClient]);

  if (signedOut) {
    // Data from before the 401 means the session ended mid-use; otherwise nobody was signed in.
    const state = session.data ? { notice: 'session_ended' } : undefined;
    return <Navigate to={loginPathFor(location)} replace state={state} />;
  }
  if (session.data) return <Outlet />;
  if (session.isError) {
    return (
      <div className="mx-auto max-w-md space-y-4 py-12">
        <FormAlert>{errorMessage(session.error)}</FormAlert>
        <Button variant="secondary" onClick={() => void session.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <LoadingState />;
}

/** The signed-in session; only for components under RequireSession. */
export function useSignedInSession() {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside RequireSession');
  return data;
}
