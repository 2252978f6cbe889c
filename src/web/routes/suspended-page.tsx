/**
 * /suspended: where login, or any call of a session that was suspended mid-use, lands. It
 * shows the short public reason the admin wrote for the person (never the internal note)
 * and leads to the contact form with the topic already chosen.
 */
import { useLocation } from 'react-router';
import { AuthCard } from '../components/ui/auth-card';
import { Notice } from '../components/ui/form-alert';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { reasonFrom } from '../lib/suspended-state';

export function SuspendedPage() {
  useDocumentTitle('Account suspended');
  const reason = reasonFrom(useLocation().state);
  return (
    <AuthCard
      title="Your account is suspended"
      intro={<p>You are logged out, and you cannot log in to this account while it is suspended.</p>}
      footer={
        <p>
          <TextLink to="/login">Back to log in</TextLink>
        </p>
      }
    >
      {reason && (
        <Notice tone="warning">
          <p className="font-semibold">Reason given by Workgate</p>
          <p className="break-words">{reason}</p>
        </Notice>
      )}
      <p className="text-base text-ink-700">
        If you think this is a mistake, or want to know what happens next, write to our support team. Use the email address of
        your account so we can find it.
      </p>
      <p>
        <TextLink to="/support?topic=account_suspended" className="text-lg">
          Contact support
        </TextLink>
      </p>
    </AuthCard>
  );
}
