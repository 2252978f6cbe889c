/**
 * For an account without a password (it signs in with a provider or a passkey): a link by
 * mail to set one (POST /account/password/setup-link). The link opens /reset-password, the
 * same page as a forgotten password, so only the owner of the mailbox can set it.
 */
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../api/error-messages';
import { sendPasswordSetupLink } from '../../api/provider-api';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';

interface SetPasswordByMailProps {
  email: string;
  /** "Google", "Google or Apple", "a passkey"; null when the account has none of them. */
  signsInWith: string | null;
}

export function SetPasswordByMail({ email, signsInWith }: SetPasswordByMailProps) {
  const mutation = useMutation({ mutationFn: sendPasswordSetupLink });
  return (
    <div className="space-y-5">
      <p className="text-base text-ink-900">
        {signsInWith ? `You sign in with ${signsInWith}. You can also set a password.` : 'Your account has no password yet. You can set one.'}
      </p>
      <FormAlert tone={mutation.isSuccess ? 'success' : 'error'}>
        {mutation.isSuccess ? (
          <p>
            Check your inbox at <strong className="break-words">{email}</strong>. Open the link in our email to choose your password; saving it signs you out on every device, so you log in again with it.
          </p>
        ) : (
          mutation.isError && <p>{errorMessage(mutation.error)}</p>
        )}
      </FormAlert>
      <Button pending={mutation.isPending} pendingLabel="Sending…" onClick={() => !mutation.isPending && mutation.mutate()}>
        {mutation.isSuccess ? 'Email me another link' : 'Email me a link to set a password'}
      </Button>
    </div>
  );
}
