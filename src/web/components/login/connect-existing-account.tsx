/**
 * A provider vouched for an address that already has a Workgate account. The provider is
 * connected once the owner proves the account is theirs: by logging in to it in this browser
 * (any way: password, passkey, with or without a second step), or by the link we mail to the
 * address (POST /auth/oidc/link/email).
 */
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../../api/error-messages';
import { emailLinkInstead, type Provider } from '../../api/provider-api';
import type { ConnectNotice } from '../../lib/provider-outcome';
import { providerName } from '../../lib/provider-words';
import { isAttemptGone } from '../signup/provider-signup-form';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';

interface ConnectExistingAccountProps {
  provider: Provider;
  email: string;
  loginPath: string;
  loginState: ConnectNotice;
  onAttemptGone: () => void;
}

export function ConnectExistingAccount({ provider, email, loginPath, loginState, onAttemptGone }: ConnectExistingAccountProps) {
  const name = providerName(provider);
  const mutation = useMutation({
    mutationFn: emailLinkInstead,
    meta: { anonymousOk: true },
    onError: (error) => isAttemptGone(error) && onAttemptGone(),
  });

  return (
    <div className="space-y-5">
      <p className="text-base text-ink-700">
        You already have a Workgate account with <strong className="break-words text-ink-900">{email}</strong>. Log in to it once to connect{' '}
        {name}. After that, {name} signs you in too.
      </p>
      <FormAlert tone={mutation.isSuccess ? 'success' : 'error'}>
        {mutation.isSuccess ? (
          <p>
            Check your inbox at <strong className="break-words">{email}</strong>. The link in our email connects {name} to your account.
          </p>
        ) : (
          mutation.isError && !isAttemptGone(mutation.error) && <p>{errorMessage(mutation.error)}</p>
        )}
      </FormAlert>
      <Link
        to={loginPath}
        state={loginState}
        className="flex min-h-11 w-full items-center justify-center rounded-lg border border-brand-700 bg-brand-700 px-4 py-2 text-base font-semibold text-white hover:bg-brand-800"
      >
        Log in to connect {name}
      </Link>
      {/* Stays after sending (focus is not lost), but sends once. */}
      <Button
        variant="secondary"
        fullWidth
        pending={mutation.isPending}
        pendingLabel="Sending…"
        inactive={mutation.isSuccess}
        onClick={() => !mutation.isPending && !mutation.isSuccess && mutation.mutate()}
      >
        {mutation.isSuccess ? 'Email sent' : 'Email me a link instead'}
      </Button>
    </div>
  );
}
