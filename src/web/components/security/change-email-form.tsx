/**
 * Change the email address: a confirmation link goes to the new address, and only that link
 * makes the change (the old address is then told, with an undo link). Until then the current
 * address stays. The server may first ask "Confirm it's you" (step-up).
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { requestEmailChange } from '../../api/account-api';
import { useFormErrors } from '../../hooks/use-form-errors';
import { looksLikeEmail } from '../../lib/validate';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const [newEmail, setNewEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: requestEmailChange });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSentTo(null);
    const address = newEmail.trim();
    if (!looksLikeEmail(address)) return errors.showClientErrors({ newEmail: ['Enter the new address, like name@example.com.'] });
    if (address.toLowerCase() === currentEmail.toLowerCase()) {
      return errors.showClientErrors({ newEmail: ['This is already your email address.'] });
    }
    mutation.mutate(address, {
      onSuccess: () => {
        errors.clearAll();
        setNewEmail('');
        setSentTo(address);
      },
      onError: (error) => errors.showApiError(error),
    });
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <FormAlert tone={sentTo ? 'success' : 'error'}>
        {sentTo ? (
          <p>
            We sent a confirmation link to <strong className="break-words">{sentTo}</strong>. Your address changes when you open
            it (within 24 hours). Until then, keep using {currentEmail}.
          </p>
        ) : (
          errors.summary && <p key={errors.attempt}>{errors.summary}</p>
        )}
      </FormAlert>
      <TextField
        label="New email address"
        name="newEmail"
        type="email"
        autoComplete="email"
        inputMode="email"
        value={newEmail}
        onChange={(event) => {
          setNewEmail(event.target.value);
          setSentTo(null);
          errors.clearField('newEmail');
        }}
        errors={errors.fields.newEmail}
      />
      <Button type="submit" pending={mutation.isPending} pendingLabel="Sending link…">
        Send confirmation link
      </Button>
    </form>
  );
}
