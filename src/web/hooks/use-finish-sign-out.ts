/**
 * What the app does once this browser is signed out: go to the login page *replacing* the
 * current history entry, and drop every cached answer, so neither the back button nor a
 * later sign-in of someone else can show the previous person's data.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/** Why the login page is shown; it greets the person accordingly. */
export type LoginNotice = 'signed_out' | 'signed_out_everywhere' | 'password_reset' | 'session_ended' | 'challenge_expired';

export function useFinishSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    (notice: LoginNotice) => {
      void navigate('/login', { replace: true, state: { notice } });
      queryClient.clear();
    },
    [navigate, queryClient],
  );
}
