/**
 * /support: help for people who cannot get into their account (linked from the lockout
 * message). It lists what they can do themselves first; support staff never need a
 * password or a code, and the page says so, because attackers pose as support.
 */
import { AuthCard } from '../components/ui/auth-card';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';

export function SupportPage() {
  useDocumentTitle('Contact support');
  return (
    <AuthCard title="Contact support" intro={<p>Most sign-in problems can be solved right away:</p>}>
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
      <p className="text-base text-ink-700">
        If none of these work, write to the support team of this Workgate site from the email address of your account. We will
        never ask for your password, a sign-in code or a recovery code.
      </p>
    </AuthCard>
  );
}
