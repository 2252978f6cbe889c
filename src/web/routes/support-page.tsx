/**
 * /support: the contact form for people who cannot get in (linked from the login, lockout
 * and suspended pages) and anyone else. Self-help comes first, as most sign-in problems need
 * no one; the page says support never asks for a password or code, because attackers pose
 * as support. `?topic=` preselects the topic (the suspended page passes account_suspended).
 */
import { useSearchParams } from 'react-router';
import { useSession } from '../api/queries';
import { SUPPORT_TOPICS, type SupportTopic } from '../api/support-api';
import { ContactSupportForm } from '../components/support/contact-support-form';
import { AuthCard } from '../components/ui/auth-card';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';

function topicFrom(value: string | null): SupportTopic | '' {
  return (SUPPORT_TOPICS as readonly string[]).includes(value ?? '') ? (value as SupportTopic) : '';
}

export function SupportPage() {
  useDocumentTitle('Contact support');
  const [params] = useSearchParams();
  const session = useSession();
  const user = session.isError ? undefined : session.data?.user;
  if (session.isPending) return null;
  return (
    <AuthCard
      title="Contact support"
      intro={<p>Many sign-in problems can be solved right away:</p>}
      footer={
        user ? (
          <p>
            <TextLink to="/support/tickets">Your support tickets</TextLink>
          </p>
        ) : (
          <p>
            <TextLink to="/login">Back to log in</TextLink>
          </p>
        )
      }
    >
      <ul className="list-disc space-y-2 pl-5 text-base text-ink-700">
        <li>
          <strong className="text-ink-900">Sign-in paused after wrong passwords:</strong> use the unlock link in the email we
          sent, sign in from a device you have used before, or wait until the time the message named.
        </li>
        <li>
          <strong className="text-ink-900">Forgot your password:</strong> <TextLink to="/forgot-password">reset it</TextLink>.
        </li>
        <li>
          <strong className="text-ink-900">Lost your phone or security key:</strong> log in and choose “Use a recovery code” in
          the second step.
        </li>
      </ul>
      <p className="text-base text-ink-700">Otherwise, write to us here. We will never ask for your password, a sign-in code or a recovery code.</p>
      <ContactSupportForm initialEmail={user?.email ?? ''} initialTopic={topicFrom(params.get('topic'))} signedIn={Boolean(user)} />
    </AuthCard>
  );
}
