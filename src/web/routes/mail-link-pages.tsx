/**
 * The pages behind the single-use links of security mails: unlock sign-in after a lockout,
 * "this wasn't me" after a new-device sign-in, confirming or undoing an email change, and
 * connecting a provider to the account that already had its address.
 * Each names what will happen before the person presses its button.
 */
import { useQueryClient } from '@tanstack/react-query';
import { confirmEmailChange, undoEmailChange } from '../api/account-api';
import { reportNotMe, unlockAccount } from '../api/auth-api';
import { queryKeys } from '../api/queries';
import { confirmLink } from '../api/provider-api';
import { ProviderSignInButtons } from '../components/login/provider-buttons';
import { MailLinkAction } from '../components/mail-link-action';
import { providerName } from '../lib/provider-words';
import { TextLink } from '../components/ui/text-link';

/** /unlock?token=…: from the lockout mail. */
export function UnlockPage() {
  return (
    <MailLinkAction
      title="Unlock sign-in"
      intro={
        <>
          <p>After several wrong passwords, signing in with a password from new devices was paused for your account.</p>
          <p>If those attempts were you, unlock it now. If they were not, your password may be known: reset it instead.</p>
        </>
      }
      actionLabel="Unlock sign-in"
      pendingLabel="Unlocking…"
      action={unlockAccount}
      doneTitle="Sign-in is unlocked"
      done={
        <>
          <p>You can log in with your password from any device again.</p>
          <p>
            <TextLink to="/login">Log in</TextLink>
          </p>
        </>
      }
      expired={<p>Unlock links work once and only while the pause lasts. This one is invalid, expired or already used. You can still reset your password.</p>}
    />
  );
}

/** /not-me?token=…: "This wasn't me" from the new-device mail. */
export function NotMePage() {
  const queryClient = useQueryClient();
  return (
    <MailLinkAction
      title="Secure your account"
      intro={
        <>
          <p>You told us a recent sign-in to your account was not you.</p>
          <p>
            This signs out every device, this one included, and emails you a link to choose a new password. Until you
            choose it, your current password, passkeys and connected accounts can't be used to sign in.
          </p>
          <p>Anything added to your account since that sign-in is removed: passkeys, two-step methods, a phone number, recovery codes and connected accounts.</p>
        </>
      }
      actionLabel="Sign out everywhere and reset my password"
      pendingLabel="Securing your account…"
      action={reportNotMe}
      // Every session ended, this browser's too: nothing cached may remain.
      onDone={() => queryClient.clear()}
      doneTitle="Your account is secured"
      done={
        <>
          <p>Every device is signed out, and what was added since that sign-in is removed. We emailed you a link to choose a new password; it works for one hour.</p>
          <p>After that, check your two-step verification, passkeys and connected accounts in the security settings.</p>
        </>
      }
      expired={<p>This link is invalid, expired or already used. If you still think someone signed in, reset your password now.</p>}
    />
  );
}

/** /confirm-email-change?token=…: from the mail to the new address. */
export function ConfirmEmailChangePage() {
  const queryClient = useQueryClient();
  return (
    <MailLinkAction
      title="Confirm your new email address"
      intro={<p>Confirm to make this address the one you log in with and receive mail at. We will tell your previous address.</p>}
      actionLabel="Confirm new email address"
      pendingLabel="Confirming…"
      action={confirmEmailChange}
      onDone={() => void queryClient.invalidateQueries()}
      doneTitle="Your email address is changed"
      done={
        <>
          <p>Use your new address the next time you log in. We sent a note to your previous address, with a way to undo the change.</p>
          <p>
            <TextLink to="/settings/security">Security settings</TextLink>
          </p>
        </>
      }
      expired={<p>Confirmation links work once and for 24 hours. This one is invalid, expired or already used. Ask for the change again in your security settings.</p>}
      footer={
        <p>
          <TextLink to="/settings/security">Security settings</TextLink>
        </p>
      }
    />
  );
}

/** /undo-email-change?token=…: from the mail to the previous address. */
export function UndoEmailChangePage() {
  const queryClient = useQueryClient();
  return (
    <MailLinkAction
      title="Undo the email change"
      intro={
        <>
          <p>The email address of your account was changed. If you did not do this, undo it.</p>
          <p>Your previous address comes back, every device is signed out, and we email it a link to choose a new password.</p>
        </>
      }
      actionLabel="Undo the change"
      pendingLabel="Undoing…"
      action={undoEmailChange}
      onDone={() => queryClient.clear()}
      doneTitle="Your email address is restored"
      done={<p>Every device is signed out. Check this mailbox for a link to choose a new password; then review your security settings.</p>}
      expired={<p>Undo links work once and for 7 days. This one is invalid, expired or already used. If your account is not in your control, reset your password.</p>}
    />
  );
}

/**
 * /connect-provider?token=…: from the mail sent when a provider's sign-in found an existing
 * account and its owner chose "Email me a link instead".
 */
export function ConnectProviderPage() {
  const queryClient = useQueryClient();
  return (
    <MailLinkAction
      title="Connect your account"
      intro={
        <>
          <p>
            You tried to sign in to Workgate with another account, such as Google or Apple, that uses this email address. Connect it to your
            Workgate account, and it signs you in from now on.
          </p>
          <p>If that was not you, close this page: nothing changes.</p>
        </>
      }
      actionLabel="Connect my account"
      pendingLabel="Connecting…"
      action={confirmLink}
      onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.identities })}
      doneTitle="Your account is connected"
      done={({ provider }) => (
        <>
          <p>{providerName(provider)} is now connected to your Workgate account.</p>
          <ProviderSignInButtons providers={[provider]} />
        </>
      )}
      expired={
        <p>
          Connection links work once and only for a short time. This one is invalid, expired or already used. To try again, log in and connect
          the account in your security settings.
        </p>
      }
    />
  );
}
