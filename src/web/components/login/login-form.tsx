/** Email and password login, with "remember me" and a message for every refusal. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { logIn } from '../../api/auth-api';
import { isApiError } from '../../api/client';
import { useCountdown } from '../../hooks/use-countdown';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { formatCountdown } from '../../lib/format';
import { check, hasErrors, looksLikeEmail } from '../../lib/validate';
import { ResendVerificationForm } from '../resend-verification-form';
import { Button } from '../ui/button';
import { CheckboxField } from '../ui/checkbox-field';
import { FormAlert } from '../ui/form-alert';
import { PasswordField } from '../ui/password-field';
import { TextField } from '../ui/text-field';
import { TextLink } from '../ui/text-link';

export function LoginForm({ next }: { next: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ email: '', password: '', rememberMe: false });
  const [unverifiedEmail, setUnverifiedEmail] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const errors = useFormErrors();
  const waitSeconds = useCountdown(blockedUntil);
  const mutation = useMutation({ mutationFn: logIn });

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
    const email = values.email.trim();
    mutation.mutate(
      { email, password: values.password, rememberMe: values.rememberMe },
      {
        onSuccess: () => {
          // A new session: drop every cached answer (the "signed out" one, or another person's).
          queryClient.clear();
          void navigate(next, { replace: true });
        },
        onError: (error) => {
          if (isApiError(error, 'email_unverified')) setUnverifiedEmail(email);
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
          autoComplete="username"
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
          hint="Keeps you logged in on this device for 30 days. Don't tick this on a shared computer."
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
