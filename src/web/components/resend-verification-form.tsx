/**
 * "Send me a new confirmation link", with a visible cool-down so the button is not pressed
 * again and again (the server also limits it and says how long to wait).
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { resendVerification } from '../api/auth-api';
import { isApiError } from '../api/client';
import { useCountdown } from '../hooks/use-countdown';
import { useFormErrors } from '../hooks/use-form-errors';
import { formatCountdown } from '../lib/format';
import { looksLikeEmail } from '../lib/validate';
import { Button } from './ui/button';
import { FormAlert } from './ui/form-alert';
import { TextField } from './ui/text-field';

/** Seconds between two resends offered by the page. */
export const RESEND_COOLDOWN_SECONDS = 60;

interface ResendVerificationFormProps {
  /** The address to resend to; without it the form asks for one. */
  email?: string;
  /** Epoch ms before which resending waits (e.g. the sign-up mail was just sent). */
  cooldownUntil?: number | null;
  label?: string;
}

export function ResendVerificationForm({ email, cooldownUntil = null, label = 'Resend the email' }: ResendVerificationFormProps) {
  const [typed, setTyped] = useState('');
  const [until, setUntil] = useState<number | null>(cooldownUntil);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFormErrors();
  const remaining = useCountdown(until);
  const mutation = useMutation({ mutationFn: resendVerification });
  const waiting = remaining > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending || waiting) return;
    const address = (email ?? typed).trim();
    if (!looksLikeEmail(address)) return errors.showClientErrors({ email: ['Enter a valid email address, like name@example.com.'] });
    errors.clearAll();
    setSentTo(null);
    mutation.mutate(address, {
      onSuccess: () => {
        setSentTo(address);
        setUntil(Date.now() + RESEND_COOLDOWN_SECONDS * 1000);
      },
      onError: (error) => {
        if (isApiError(error, 'rate_limited')) setUntil(Date.now() + (error.problem.retryAfterSeconds ?? RESEND_COOLDOWN_SECONDS) * 1000);
        errors.showApiError(error);
      },
    });
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert tone={sentTo ? 'success' : 'error'}>
        {sentTo ? (
          <p>
            We sent a new link to <strong className="break-words">{sentTo}</strong>. It can take a minute to arrive; check your
            spam folder too.
          </p>
        ) : (
          errors.summary && <p key={errors.attempt}>{errors.summary}</p>
        )}
      </FormAlert>
      {email === undefined && (
        <TextField
          label="Your email address"
          name="email"
          type="email"
          autoComplete="email"
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            errors.clearField('email');
          }}
          errors={errors.fields.email}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" pending={mutation.isPending} pendingLabel="Sending…" inactive={waiting}>
          {label}
        </Button>
        {waiting && (
          <p className="text-sm text-ink-700">
            You can send another one in <span className="font-semibold tabular-nums">{formatCountdown(remaining)}</span>.
          </p>
        )}
      </div>
    </form>
  );
}
