/**
 * /login?next=…: log in, then go back to where the person was (a path on this site only).
 * /login?email=…&connect=1 comes from a provider's sign-in that found an existing account:
 * the address is filled in, and logging in here (any way) connects the provider.
 */
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { useSession } from '../api/queries';
import { LoginForm } from '../components/login/login-form';
import { AuthCard } from '../components/ui/auth-card';
import { Notice } from '../components/ui/form-alert';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import type { LoginNotice } from '../hooks/use-finish-sign-out';
import type { ConnectNotice } from '../lib/provider-outcome';
import { safeNextPath } from '../lib/safe-next-path';

const NOTICES: Record<LoginNotice, string> = {
  signed_out: 'You are logged out.',
  signed_out_everywhere: 'You are logged out on every device, this one included.',
  password_reset: 'Your password is changed and every device was logged out. Log in with your new password.',
  session_ended: 'Your session has ended. Log in again to continue where you were.',
  challenge_expired: 'That sign-in was stopped because it took longer than 10 minutes or had too many wrong codes. Log in again.',
};

const WARNINGS: ReadonlySet<LoginNotice> = new Set(['session_ended', 'challenge_expired']);

export function LoginPage() {
  useDocumentTitle('Log in');
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const state = useLocation().state as ({ notice?: LoginNotice } & Partial<ConnectNotice>) | null;
  const shownNotice = state?.notice && NOTICES[state.notice] ? state.notice : undefined;
  const connecting = params.get('connect') === '1';
  const connectProvider = typeof state?.connectProvider === 'string' ? state.connectProvider : null;
  const session = useSession();

  // Someone already signed in has nothing to do here.
  if (session.data && !session.isError) return <Navigate to={next} replace />;

  return (
    <AuthCard
      title="Log in to Workgate"
      intro={
        shownNotice || connecting ? (
          <>
            {shownNotice && <Notice tone={WARNINGS.has(shownNotice) ? 'warning' : 'info'}>{NOTICES[shownNotice]}</Notice>}
            {connecting && (
              <Notice>
                <p>{connectProvider ? `Log in to connect your ${connectProvider} account.` : 'Log in to connect the account you chose.'}</p>
              </Notice>
            )}
          </>
        ) : undefined
      }
      footer={
        <>
          <p>
            New to Workgate? <TextLink to="/signup">Create an account</TextLink>
          </p>
          <p>
            Trouble signing in? <TextLink to="/support">Get help from support</TextLink>
          </p>
        </>
      }
    >
      <LoginForm next={next} initialEmail={params.get('email')?.trim() ?? ''} />
    </AuthCard>
  );
}
