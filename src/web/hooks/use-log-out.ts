import { useMutation } from '@tanstack/react-query';
import { logOut } from '../api/auth-api';
import { isApiError } from '../api/client';
import { useFinishSignOut } from './use-finish-sign-out';

/** Logs this browser out. A 401 means the session had already ended: signed out all the same. */
export function useLogOut() {
  const finishSignOut = useFinishSignOut();
  return useMutation({
    mutationFn: logOut,
    meta: { anonymousOk: true },
    onSuccess: () => finishSignOut('signed_out'),
    onError: (error) => {
      if (isApiError(error, 'unauthenticated')) finishSignOut('signed_out');
    },
  });
}
