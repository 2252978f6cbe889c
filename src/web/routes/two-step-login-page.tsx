/**
 * /login/two-step?next=…: the second step of a login whose account has a second factor. The
 * challenge comes from sessionStorage (a reload keeps the step; the URL never holds it). No
 * challenge: back to the login form; an expired one: back with a message, also when the
 * 10 minutes run out while the page is open.
 */
import { useCallback, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../api/queries';
import { SecondFactorForm } from '../components/login/second-factor-form';
import { AuthCard } from '../components/ui/auth-card';
import { useDocumentTitle } from '../hooks/use-document-title';
import { clearPendingLogin, msUntilExpiry, readPendingLogin } from '../lib/pending-login';
import { loginPathWithNext, safeNextPath } from '../lib/safe-next-path';

export function TwoStepLoginPage() {
  useDocumentTitle('Two-step verification');
  const next = safeNextPath(useSearchParams()[0].get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const [pending] = useState(() => readPendingLogin(sessionStorage));
  const live = pending !== null && msUntilExpiry(pending) > 0;

  const startAgain = useCallback(() => {
    clearPendingLogin(sessionStorage);
    void navigate(loginPathWithNext(next), { replace: true, state: { notice: 'challenge_expired' } });
  }, [navigate, next]);

  useEffect(() => {
    if (!pending || !live) return;
    const timer = window.setTimeout(startAgain, msUntilExpiry(pending));
    return () => window.clearTimeout(timer);
  }, [pending, live, startAgain]);

  // Someone already signed in (this step completed in another tab) goes on.
  if (session.data && !session.isError) return <Navigate to={next} replace />;
  if (!pending) return <Navigate to={loginPathWithNext(next)} replace />;
  if (!live) {
    clearPendingLogin(sessionStorage);
    return <Navigate to={loginPathWithNext(next)} replace state={{ notice: 'challenge_expired' }} />;
  }

  const newDevice = pending.reason === 'new_device';
  return (
    <AuthCard
      title={newDevice ? 'Check your email' : 'Two-step verification'}
      intro={
        newDevice ? (
          <p>
            Your password was right, but this device is new to your account, so we emailed you a 6-digit code. Enter it to finish logging in.
            Turn on two-step verification in your security settings to sign in with an authenticator app or a passkey instead.
          </p>
        ) : (
          <p>
            {pending.provider ? `${pending.provider} confirmed your account.` : 'Your password was right.'} To finish logging in, prove it is
            you with your second step.
          </p>
        )
      }
      footer={
        <p>
          Not you, or want to start over?{' '}
          <button
            type="button"
            onClick={() => {
              clearPendingLogin(sessionStorage);
              void navigate(loginPathWithNext(next), { replace: true });
            }}
            className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900"
          >
            Back to log in
          </button>
        </p>
      }
    >
      <SecondFactorForm pending={pending} next={next} onChallengeEnded={startAgain} />
    </AuthCard>
  );
}
