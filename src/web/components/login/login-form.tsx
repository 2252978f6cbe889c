/**
 * Email and password login, with "remember me" and a message for every refusal, sign-in
 * with a passkey (a button, and the browser's autofill in the email field), and "Continue
 * with Google" and the like for the providers configured on this deployment.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { logIn, needsSecondFactor } from '../../api/auth-api';
import { isApiError } from '../../api/client';
import { useProviders } from '../../api/queries';
import { useCountdown } from '../../hooks/use-countdown';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { formatCountdown } from '../../lib/format';
import { passkeyErrorMessage, passkeysSupported } from '../../lib/passkey';
import { savePendingLogin } from '../../lib/pending-login';
import { suspendedState } from '../../lib/suspended-state';
import { twoStepPathFor } from '../../lib/safe-next-path';
import { check, hasErrors, looksLikeEmail } from '../../lib/validate';
import { ResendVerificationForm } from '../resend-verification-form';
import { Button } from '../ui/button';
import { CheckboxField } from '../ui/checkbox-field';
import { FormAlert } from '../ui/form-alert';
import { PasswordField } from '../ui/password-field';
import { TextField } from '../ui/text-field';
import { TextLink } from '../ui/text-link';
import { LockedAccountHelp } from './locked-account-help';
import { ProviderSignInButtons } from './provider-buttons';
import { usePasskeySignIn } from './use-passkey-sign-in';

export function LoginForm({ next, initialEmail = '' }: { next: string; initialEmail?: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const providers = useProviders();
  const [values, setValues] = useState({ email: initialEmail, password: '', rememberMe: false });
  const [unverifiedEmail, setUnverifiedEmail] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const [locked, setLocked] = useState(false);
  const errors = useFormErrors();
  const waitSeconds = useCountdown(blockedUntil);
  const mutation = useMutation({ mutationFn: logIn });

  const finishSignIn = () => {
    // A new session: drop every cached answer (the "signed out" one, or another person's).
    queryClient.clear();
    void navigate(next, { replace: true });
  };
  const passkey = usePasskeySignIn({
    rememberMe: values.rememberMe,
    onSignedIn: finishSignIn,
    onError: (error) => {
      if (isApiError(error, 'account_suspended')) return void navigate('/suspended', { replace: true, state: suspendedState(error.problem.detail) });
      errors.showErrors({}, passkeyErrorMessage(error));
    },
  });

  const set = (field: keyof typeof values, value: string | boolean) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.clearField(field);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending || waitSeconds > 0) return;
    const found: FieldErrorMap = {};
    check(found, 'email', !looksLikeEmail(values.email), 'Enter the email address of your account.');
    check(found, 'password', values.password === '', 'Enter your password.');
    if (hasErrors(found)) return errors.showClientErrors(found);
    setUnverifiedEmail(null);
    setLocked(false);
    const email = values.email.trim();
    mutation.mutate(
      { email, password: values.password, rememberMe: values.rememberMe },
      {
        onSuccess: (answer) => {
          if (needsSecondFactor(answer)) {
            // The password was right; the second step keeps its challenge in this tab only.
            const { challenge, methods, expiresAt, reason } = answer;
            savePendingLogin(sessionStorage, { challenge, methods, expiresAt, ...(reason ? { reason } : {}) });
            return void navigate(twoStepPathFor(next));
          }
          finishSignIn();
        },
        onError: (error) => {
          // account_suspended: the query client's handler has already gone to /suspended.
          if (isApiError(error, 'account_suspended')) return;
          if (isApiError(error, 'email_unverified')) setUnverifiedEmail(email);
          if (isApiError(error, 'account_locked')) setLocked(true);
          if (isApiError(error, 'rate_limited')) setBlockedUntil(Date.now() + (error.problem.retryAfterSeconds ?? 60) * 1000);
          errors.showApiError(error);
        },
      },
    );
  };

  return (
    <div className="space-y-5">
      <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
        <TextField
          label="Email"
          name="email"
          type="email"
          // "webauthn" lets the browser offer passkeys here (autofill).
          autoComplete="username webauthn"
          inputMode="email"
          value={values.email}
          onChange={(event) => set('email', event.target.value)}
          errors={errors.fields.email}
        />
        <div className="space-y-2">
          <PasswordField
            label="Password"
            name="password"
            autoComplete="current-password"
            value={values.password}
            onChange={(event) => set('password', event.target.value)}
            errors={errors.fields.password}
          />
          <p className="text-right text-base">
            <TextLink to="/forgot-password">Forgot password?</TextLink>
          </p>
        </div>
        <CheckboxField
          name="rememberMe"
          label="Remember me"
          hint="Without it, you are logged out after an hour unused. With it, this device stays logged in for 30 days after each use (90 at most). Don't tick this on a shared computer."
          checked={values.rememberMe}
          onChange={(event) => set('rememberMe', event.target.checked)}
        />
        <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Logging in…" inactive={waitSeconds > 0}>
          Log in
        </Button>
        {waitSeconds > 0 && (
          <p className="text-center text-sm text-ink-700">
            You can try again in <span className="font-semibold tabular-nums">{formatCountdown(waitSeconds)}</span>.
          </p>
        )}
      </form>
      {locked && <LockedAccountHelp />}
      {(passkeysSupported() || providers.length > 0) && (
        <div className="space-y-3 border-t border-ink-200 pt-5 text-center">
          <p className="text-base text-ink-700">Or skip the password:</p>
          {passkeysSupported() && (
            <Button variant="secondary" fullWidth pending={passkey.pending} pendingLabel="Waiting for your passkey…" onClick={() => void passkey.signInWithButton()}>
              Sign in with a passkey
            </Button>
          )}
          <ProviderSignInButtons providers={providers} rememberMe={values.rememberMe} next={next} />
        </div>
      )}
      {unverifiedEmail && (
        <div className="space-y-3 rounded-lg border border-ink-200 p-4">
          <p className="text-base text-ink-700">
            We can send a new confirmation link to <strong className="break-words text-ink-900">{unverifiedEmail}</strong>.
          </p>
          <ResendVerificationForm email={unverifiedEmail} label="Send a new confirmation email" />
        </div>
      )}
    </div>
  );
}
