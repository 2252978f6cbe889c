/** /signup/check-email: after sign-up, "check your inbox" with resend and "start again". */
import { useLocation } from 'react-router';
import { ResendVerificationForm, RESEND_COOLDOWN_SECONDS } from '../components/resend-verification-form';
import { AuthCard } from '../components/ui/auth-card';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { parseRole } from '../lib/roles';

interface CheckEmailState {
  email?: string;
  role?: string;
  sentAt?: number;
}

export function CheckEmailPage() {
  useDocumentTitle('Check your inbox');
  // History state survives a reload of this tab, and keeps the address out of the URL.
  const state = (useLocation().state ?? {}) as CheckEmailState;
  const email = typeof state.email === 'string' ? state.email : undefined;
  const role = parseRole(state.role);
  const cooldownUntil = typeof state.sentAt === 'number' ? state.sentAt + RESEND_COOLDOWN_SECONDS * 1000 : null;

  return (
    <AuthCard
      title="Check your inbox"
      intro={
        email ? (
          <p>
            We sent a confirmation link to <strong className="break-words text-ink-900">{email}</strong>. Open it to activate your
            account. The link works for 24 hours.
          </p>
        ) : (
          <p>We sent a confirmation link to the address you signed up with. Open it to activate your account.</p>
        )
      }
      footer={
        <p>
          Wrong address? <TextLink to={role ? `/signup?role=${role}` : '/signup'}>Start again</TextLink>
        </p>
      }
    >
      <div className="space-y-3 rounded-lg bg-ink-100 p-4 text-base text-ink-700">
        <h2 className="font-semibold text-ink-900">No email?</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>It can take a minute or two to arrive.</li>
          <li>Look in your spam or junk folder, and in tabs such as “Promotions”.</li>
          <li>If you already had an account with this address, we sent you a note with a login link instead.</li>
        </ul>
      </div>
      <ResendVerificationForm email={email} cooldownUntil={cooldownUntil} />
    </AuthCard>
  );
}
