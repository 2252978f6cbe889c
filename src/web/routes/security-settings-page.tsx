/** /settings/security: change the password; see and end the sessions on other devices. */
import type { ReactNode } from 'react';
import { useSignedInSession } from '../components/require-session';
import { ChangePasswordForm } from '../components/security/change-password-form';
import { SessionsSection } from '../components/security/sessions-section';
import { PageTitle } from '../components/ui/page-title';
import { useDocumentTitle } from '../hooks/use-document-title';

function SettingsSection({ id, title, intro, children }: { id: string; title: string; intro: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-5 rounded-xl border border-ink-200 bg-white p-5 sm:p-8">
      <div className="space-y-1">
        <h2 id={id} className="text-2xl font-bold text-ink-900">
          {title}
        </h2>
        <p className="text-base text-ink-700">{intro}</p>
      </div>
      {children}
    </section>
  );
}

export function SecuritySettingsPage() {
  useDocumentTitle('Security settings');
  const { user } = useSignedInSession();
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-2">
        <PageTitle>Security settings</PageTitle>
        <p className="text-lg text-ink-700">
          Signed in as <strong className="break-words text-ink-900">{user.email}</strong>.
        </p>
      </div>
      <SettingsSection
        id="change-password"
        title="Change password"
        intro="Use at least 12 characters. Changing it logs out every other device."
      >
        <ChangePasswordForm user={user} />
      </SettingsSection>
      <SettingsSection
        id="active-sessions"
        title="Where you are signed in"
        intro="These devices are signed in to your account. If you do not recognise one, sign it out and change your password."
      >
        <SessionsSection />
      </SettingsSection>
    </div>
  );
}
