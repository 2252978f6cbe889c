/**
 * /login/provider: where the server sends the browser back from Google, Apple or another
 * provider. A failure comes in the URL (?error=<code>); anything else is read from GET
 * /auth/oidc/outcome, so no secret (second-step challenge, sign-up ticket) is ever in a URL.
 * Signed in, the second step, connected and "confirmed it is you" go straight on
 * (lib/provider-outcome.ts decides where); a new account or an existing address asks here.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorMessageForCode } from '../api/error-messages';
import { providerOutcomeQuery, useProviders, useSession } from '../api/queries';
import { ConnectExistingAccount } from '../components/login/connect-existing-account';
import { ProviderSignupForm } from '../components/signup/provider-signup-form';
import { AuthCard } from '../components/ui/auth-card';
import { LoadingState } from '../components/ui/loading-state';
import { QueryError } from '../components/ui/query-error';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { savePendingLogin } from '../lib/pending-login';
import { outcomeStep, type OutcomeStep } from '../lib/provider-outcome';
import { providerName, withProviderName } from '../lib/provider-words';

const ERROR_TITLES: Record<string, string> = {
  oidc_denied: 'Sign-in was cancelled',
  oidc_email_unverified: 'Your email address is not verified',
  oidc_identity_taken: 'That account is already in use',
  oidc_wrong_account: 'That is not the connected account',
  oidc_link_required: 'You already have an account',
  account_suspended: 'This account is suspended',
  sign_in_method_held: 'This connection is on hold',
};

function BackToLogIn({ children }: { children?: ReactNode }) {
  return (
    <>
      {children}
      <p>
        <TextLink to="/login">Back to log in</TextLink>
      </p>
    </>
  );
}

/** ?error=<code>: the provider or the server refused; say why and how to go on. */
function ProviderError({ code, providerId }: { code: string; providerId: string | null }) {
  const session = useSession();
  // Named only when it is one of the configured providers: the URL cannot put a name on the page.
  const provider = useProviders().find((candidate) => candidate.id === providerId);
  const title = ERROR_TITLES[code] ?? 'We could not sign you in';
  useDocumentTitle(title);
  return (
    <AuthCard
      title={title}
      footer={
        <BackToLogIn>
          {session.data && !session.isError && (
            <p>
              <TextLink to="/settings/security">Back to your security settings</TextLink>
            </p>
          )}
        </BackToLogIn>
      }
    >
      <p className="text-base text-ink-700">{withProviderName(errorMessageForCode(code, 'oidc_failed'), provider ? providerName(provider) : null)}</p>
      {code === 'oidc_email_unverified' && (
        <p className="text-base">
          <TextLink to="/signup">Sign up with email instead</TextLink>
        </p>
      )}
      {code === 'account_suspended' && (
        <p className="text-base">
          <TextLink to="/support">Contact support</TextLink>
        </p>
      )}
    </AuthCard>
  );
}

/** No outcome (none in this browser, or it expired), or the attempt ran out while the page was open. */
function AttemptExpired() {
  useDocumentTitle('Sign-in expired');
  return (
    <AuthCard
      title="This sign-in attempt has expired"
      footer={
        <BackToLogIn>
          <p>
            New to Workgate? <TextLink to="/signup">Sign up</TextLink>
          </p>
        </BackToLogIn>
      }
    >
      <p className="text-base text-ink-700">This sign-in attempt has expired. Start again.</p>
    </AuthCard>
  );
}

/** Goes on at once: keeps the second step's challenge in this tab, forgets a signed-out cache. */
function GoOn({ step }: { step: Extract<OutcomeStep, { kind: 'go' }> }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (step.pendingLogin) savePendingLogin(sessionStorage, step.pendingLogin);
    void navigate(step.to, { replace: true, state: step.state });
    // A new session: nothing cached from before it may remain (cleared before the next page renders).
    if (step.newSession) queryClient.clear();
  }, [step, navigate, queryClient]);
  return <LoadingState label="Signing you in…" />;
}

function ProviderOutcomeView() {
  const outcome = useQuery(providerOutcomeQuery);
  const [gone, setGone] = useState(false);
  const step = useMemo(() => (outcome.data ? outcomeStep(outcome.data) : null), [outcome.data]);
  useDocumentTitle(step?.kind === 'finish_signup' ? 'Finish signing up' : step?.kind === 'connect_existing' ? 'Connect your account' : 'Signing in');

  if (gone || isApiError(outcome.error, 'not_found')) return <AttemptExpired />;
  if (outcome.isError) {
    return (
      <AuthCard title="We could not finish signing in" footer={<BackToLogIn />}>
        <QueryError error={outcome.error} onRetry={() => void outcome.refetch()} />
      </AuthCard>
    );
  }
  if (!step) return <LoadingState label="Signing you in…" />;
  if (step.kind === 'go') return <GoOn step={step} />;

  const name = providerName(step.provider);
  if (step.kind === 'finish_signup') {
    return (
      <AuthCard
        title="Finish signing up"
        intro={
          <p>
            Continue as <strong className="break-words text-ink-900">{step.email}</strong>. {name} has confirmed this address, so there is
            no password to choose and no email to open.
          </p>
        }
        footer={
          <p>
            Not you, or want another account? <TextLink to="/login">Back to log in</TextLink>
          </p>
        }
      >
        <ProviderSignupForm name={step.name} onAttemptGone={() => setGone(true)} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Connect ${name} to your account`} footer={<BackToLogIn />}>
      <ConnectExistingAccount
        provider={step.provider}
        email={step.email}
        loginPath={step.loginPath}
        loginState={step.loginState}
        onAttemptGone={() => setGone(true)}
      />
    </AuthCard>
  );
}

export function ProviderCallbackPage() {
  const [params] = useSearchParams();
  const error = params.get('error');
  if (error !== null) return <ProviderError code={error} providerId={params.get('provider')} />;
  return <ProviderOutcomeView />;
}
