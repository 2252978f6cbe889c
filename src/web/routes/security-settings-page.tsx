/**
 * /settings/security: the email address, the password (or, for an account without one, a
 * link to set it), two-step verification, passkeys, connected accounts (Google, Apple, …), and
 * the sessions on other devices; a link to the security activity. Coming back from connecting
 * a provider, it says so (history state from /login/provider).
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { identitiesQuery } from '../api/queries';
import { useSignedInSession } from '../components/require-session';
import { ChangeEmailForm } from '../components/security/change-email-form';
import { ChangePasswordForm } from '../components/security/change-password-form';
import { ConnectedAccountsSection } from '../components/security/connected-accounts-section';
import { PasskeysSection } from '../components/security/passkeys-section';
import { SetPasswordByMail } from '../components/security/set-password-by-mail';
import { SessionsSection } from '../components/security/sessions-section';
import { TwoStepSection } from '../components/security/two-step-section';
import { Notice } from '../components/ui/form-alert';
import { LoadingState } from '../components/ui/loading-state';
import { PageTitle } from '../components/ui/page-title';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import type { ConnectedNotice } from '../lib/provider-outcome';
import { distinctProviders, eitherOf, providerName, signInWithWords } from '../lib/provider-words';

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
  const connected = (useLocation().state as Partial<ConnectedNotice> | null)?.connected;
  const identities = useQuery(identitiesQuery);
  // Unknown (loading) or unreadable: the password form, as for every account before providers.
  const hasPassword = identities.data?.hasPassword ?? true;
  // A deployment without providers, and an account without connections: nothing to show.
  const showConnected = !identities.data || identities.data.identities.length > 0 || identities.data.available.length > 0;
  const providerNames = identities.data
    ? distinctProviders([...identities.data.identities.map((identity) => identity.provider), ...identities.data.available]).map(providerName)
    : [];

  let password: ReactNode;
  if (identities.isPending) password = <LoadingState label="Loading your password settings…" />;
  else if (hasPassword || !identities.data) password = <ChangePasswordForm user={user} />;
  else password = <SetPasswordByMail email={user.email} signsInWith={signInWithWords(identities.data)} />;

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      {typeof connected === 'string' && (
        <Notice tone="success">
          <p>{connected} is now connected.</p>
        </Notice>
      )}
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
        title={hasPassword ? 'Change password' : 'Password'}
        intro={hasPassword ? 'Use at least 12 characters. Changing it logs out every other device.' : 'Your account has no password.'}
      >
        {password}
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
      {showConnected && (
        <SettingsSection
          id="connected-accounts"
          title="Connected accounts"
          intro={`Sign in with ${providerNames.length > 0 ? `your ${eitherOf(providerNames)} account` : 'an account you have elsewhere'} instead of a password. Disconnect any you no longer use.`}
        >
          <ConnectedAccountsSection />
        </SettingsSection>
      )}
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
