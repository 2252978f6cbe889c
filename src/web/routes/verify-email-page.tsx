/**
 * /verify-email?token=…: the link from the confirmation mail. Verifying signs this browser
 * in; the page then replaces itself (the token leaves the history) with the onboarding page.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { needsSecondFactor, verifyEmail } from '../api/auth-api';
import { isApiError } from '../api/client';
import { errorMessage } from '../api/error-messages';
import { ResendVerificationForm } from '../components/resend-verification-form';
import { Button } from '../components/ui/button';
import { AuthCard } from '../components/ui/auth-card';
import { FormAlert } from '../components/ui/form-alert';
import { LoadingState } from '../components/ui/loading-state';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { savePendingLogin } from '../lib/pending-login';

// A token is single-use: React's development double effects must not spend it twice, so a
// request in flight for a token is shared until it settles.
const inFlight = new Map<string, ReturnType<typeof verifyEmail>>();
function verifyOnce(token: string) {
  let attempt = inFlight.get(token);
  if (!attempt) {
    attempt = verifyEmail(token);
    inFlight.set(token, attempt);
    const forget = () => void inFlight.delete(token);
    attempt.then(forget, forget);
  }
  return attempt;
}

export function VerifyEmailPage() {
  useDocumentTitle('Confirm your email');
  const token = useSearchParams()[0].get('token') ?? '';
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: verifyOnce,
    // A new session: nothing cached from before (another account, "signed out") may remain.
    onSuccess: (answer) => {
      queryClient.removeQueries();
      // The account already has a second step: the link counts as the first, like a password.
      if (needsSecondFactor(answer)) {
        const { challenge, methods, expiresAt } = answer;
        savePendingLogin(sessionStorage, { challenge, methods, expiresAt });
      }
    },
  });
  const { mutate } = mutation;

  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);

  if (mutation.isSuccess && needsSecondFactor(mutation.data)) return <Navigate to="/login/two-step" replace />;
  if (mutation.isSuccess) return <Navigate to="/onboarding" replace state={{ justVerified: true }} />;
  if (token && !mutation.isError) return <LoadingState label="Confirming your email address…" />;

  const expired = !token || isApiError(mutation.error, 'invalid_token');
  return (
    <AuthCard
      title={expired ? 'This link has expired' : 'We could not confirm your email'}
      intro={
        expired ? (
          <p>Confirmation links work once and for 24 hours. This one is invalid, expired or has already been used.</p>
        ) : (
          <>
            <FormAlert>{errorMessage(mutation.error)}</FormAlert>
            <Button variant="secondary" onClick={() => mutate(token)}>
              Try again
            </Button>
          </>
        )
      }
      footer={
        <p>
          Already confirmed? <TextLink to="/login">Log in</TextLink>
        </p>
      }
    >
      <p className="text-base text-ink-700">Enter your email address and we will send you a new link.</p>
      <ResendVerificationForm label="Send a new link" />
    </AuthCard>
  );
}
