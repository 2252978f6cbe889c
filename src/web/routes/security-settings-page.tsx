/**
 * /settings/security: the email address, the password, two-step verification, passkeys, and
 * the sessions on other devices; a link to the security activity.
 */
import type { ReactNode } from 'react';
import { useSignedInSession } from '../components/require-session';
import { ChangeEmailForm } from '../components/security/change-email-form';
import { ChangePasswordForm } from '../components/security/change-password-form';
import { PasskeysSection } from '../components/security/passkeys-section';
import { SessionsSection } from '../components/security/sessions-section';
import { TwoStepSection } from '../components/security/two-step-section';
import { PageTitle } from '../components/ui/page-title';
import { TextLink } from '../components/ui/text-link';
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
        <p className="text-base">
          <TextLink to="/settings/security/activity">See your security activity</TextLink>
        </p>
      </div>
      <SettingsSection
        id="email-address"
        title="Email address"
        intro="Sign-in, alerts and password resets go to this address. A new one works once you open the link we send to it."
      >
        <ChangeEmailForm currentEmail={user.email} />
      </SettingsSection>
      <SettingsSection
        id="change-password"
        title="Change password"
        intro="Use at least 12 characters. Changing it logs out every other device."
      >
        <ChangePasswordForm user={user} />
      </SettingsSection>
      <SettingsSection
        id="two-step"
        title="Two-step verification"
        intro="Ask for a second proof when you log in, so a stolen password alone cannot open your account."
      >
        <TwoStepSection email={user.email} />
      </SettingsSection>
      <SettingsSection
        id="passkeys"
        title="Passkeys"
        intro="Sign in with your fingerprint, face or screen lock instead of a password. Passkeys cannot be phished or guessed."
      >
        <PasskeysSection email={user.email} />
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
