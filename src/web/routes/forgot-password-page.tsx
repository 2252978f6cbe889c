/**
 * /forgot-password: asks for a reset link. The answer is the same whether or not an account
 * uses the address, so the page cannot be used to find out who has an account.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { requestPasswordReset } from '../api/auth-api';
import { AuthCard } from '../components/ui/auth-card';
import { Button } from '../components/ui/button';
import { FormAlert } from '../components/ui/form-alert';
import { TextField } from '../components/ui/text-field';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useFormErrors } from '../hooks/use-form-errors';
import { looksLikeEmail } from '../lib/validate';

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: requestPasswordReset });
  const againButton = useRef<HTMLButtonElement>(null);

  // The form (and the focused button) is gone once sent: keep keyboard focus in the card.
  useEffect(() => {
    if (sentTo) againButton.current?.focus();
  }, [sentTo]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const address = email.trim();
    if (!looksLikeEmail(address)) return errors.showClientErrors({ email: ['Enter a valid email address, like name@example.com.'] });
    mutation.mutate(address, { onSuccess: () => setSentTo(address), onError: (error) => errors.showApiError(error) });
  };

  const startAgain = () => {
    setSentTo(null);
    requestAnimationFrame(() => errors.formRef.current?.querySelector('input')?.focus());
  };

  const footer = (
    <p>
      Remembered it? <TextLink to="/login">Back to log in</TextLink>
    </p>
  );

  // One card and one live region for both states, so the confirmation is announced.
  return (
    <AuthCard
      title={sentTo ? 'Check your inbox' : 'Reset your password'}
      intro={sentTo ? undefined : <p>Enter the email address of your account and we will send you a link to choose a new password.</p>}
      footer={footer}
    >
      <FormAlert tone={sentTo ? 'success' : 'error'}>
        {sentTo ? (
          <>
            <p>
              If an account uses <strong className="break-words">{sentTo}</strong>, we have sent it a link to choose a new
              password.
            </p>
            <p>The link works for one hour. If nothing arrives in a few minutes, look in your spam folder, or try again.</p>
          </>
        ) : (
          errors.summary && <p key={errors.attempt}>{errors.summary}</p>
        )}
      </FormAlert>
      {sentTo ? (
        <Button ref={againButton} variant="secondary" onClick={startAgain}>
          Use another address
        </Button>
      ) : (
        <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              errors.clearField('email');
            }}
            errors={errors.fields.email}
          />
          <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Sending…">
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
