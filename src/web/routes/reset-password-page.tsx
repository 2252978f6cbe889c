/**
 * /reset-password?token=…: choose a new password with the link from the mail. The server
 * then ends every session, so the person logs in again with the new password.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { resetPassword } from '../api/auth-api';
import { isApiError } from '../api/client';
import { PasswordStrengthMeter, passwordFieldErrors } from '../components/password-strength-meter';
import { AuthCard } from '../components/ui/auth-card';
import { Button } from '../components/ui/button';
import { FormAlert } from '../components/ui/form-alert';
import { PasswordField } from '../components/ui/password-field';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useFinishSignOut } from '../hooks/use-finish-sign-out';
import { useFormErrors } from '../hooks/use-form-errors';
import { assessPasswordNow, usePasswordAssessment } from '../hooks/use-password-assessment';

function ExpiredLink() {
  return (
    <AuthCard
      title="This reset link has expired"
      intro={<p>Reset links work once and for one hour. This one is invalid, expired or has already been used.</p>}
      footer={
        <p>
          Remembered your password? <TextLink to="/login">Log in</TextLink>
        </p>
      }
    >
      <TextLink to="/forgot-password">Ask for a new reset link</TextLink>
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const token = useSearchParams()[0].get('token') ?? '';
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const assessment = usePasswordAssessment(password);
  const finishSignOut = useFinishSignOut();
  const mutation = useMutation({ mutationFn: resetPassword });

  if (!token || isApiError(mutation.error, 'invalid_token')) return <ExpiredLink />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const verdict = await assessPasswordNow(password);
    if (verdict && !verdict.acceptable) return errors.showClientErrors({ password: verdict.feedback });
    mutation.mutate(
      { token, password },
      // Every session ended on the server; clear what this tab knew and log in afresh.
      { onSuccess: () => finishSignOut('password_reset'), onError: (error) => errors.showApiError(error) },
    );
  };

  return (
    <AuthCard title="Choose a new password" intro={<p>After this, every device signed in to your account is logged out.</p>}>
      <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
        <PasswordField
          label="New password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            errors.clearField('password');
          }}
          errors={passwordFieldErrors(errors.fields.password, assessment)}
          feedback={<PasswordStrengthMeter assessment={assessment} />}
        />
        <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Saving…">
          Save new password
        </Button>
      </form>
    </AuthCard>
  );
}
