/**
 * Suspend an account: a short reason the person will see at login, an internal note that
 * stays with staff, and an optional end. Sending asks to confirm, since every session of the
 * account ends at once.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { suspendUser } from '../../api/admin-api';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { check, hasErrors } from '../../lib/validate';
import { ConfirmInline } from '../security/confirm-inline';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';

const REASON_MAX = 200;
const NOTE_MAX = 2000;

export function SuspendForm({ userId, userName, onDone }: { userId: string; userName: string; onDone: () => void }) {
  const [values, setValues] = useState({ publicReason: '', note: '', endsAt: '' });
  const [asking, setAsking] = useState(false);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: () =>
      suspendUser(userId, {
        publicReason: values.publicReason.trim(),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
        // datetime-local is the admin's local time; the server wants an instant with its offset.
        ...(values.endsAt ? { endsAt: new Date(values.endsAt).toISOString() } : {}),
      }),
  });

  const set = (field: keyof typeof values, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.clearField(field);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrorMap = {};
    check(found, 'publicReason', values.publicReason.trim() === '', 'Write the reason the person will see.');
    check(found, 'publicReason', [...values.publicReason].length > REASON_MAX, `Use at most ${REASON_MAX} characters.`);
    check(found, 'note', [...values.note].length > NOTE_MAX, `Use at most ${NOTE_MAX} characters.`);
    check(found, 'endsAt', values.endsAt !== '' && !(new Date(values.endsAt).getTime() > Date.now()), 'Choose a time in the future, or leave it empty.');
    if (hasErrors(found)) return errors.showClientErrors(found);
    setAsking(true);
  };

  const confirm = () => {
    if (mutation.isPending) return;
    mutation.mutate(undefined, {
      onSuccess: () => {
        setAsking(false);
        onDone();
      },
      onError: (error) => {
        setAsking(false);
        errors.showApiError(error);
      },
    });
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      <TextAreaField
        label="Reason shown to the person"
        name="publicReason"
        rows={2}
        maxCharacters={REASON_MAX}
        hint="Shown when they try to log in. Keep it short and factual."
        value={values.publicReason}
        onChange={(event) => set('publicReason', event.target.value)}
        errors={errors.fields.publicReason}
      />
      <TextAreaField
        label="Internal note"
        name="note"
        rows={3}
        maxCharacters={NOTE_MAX}
        hint="Only admins see this. Optional."
        value={values.note}
        onChange={(event) => set('note', event.target.value)}
        errors={errors.fields.note}
      />
      <TextField
        label="Suspended until (optional)"
        name="endsAt"
        type="datetime-local"
        hint="Your local time. Leave empty to suspend until an admin lifts it."
        value={values.endsAt}
        onChange={(event) => set('endsAt', event.target.value)}
        errors={errors.fields.endsAt}
      />
      {asking ? (
        <ConfirmInline confirmLabel="Yes, suspend" pending={mutation.isPending} pendingLabel="Suspending…" onConfirm={confirm} onCancel={() => setAsking(false)}>
          <p>
            Suspend <strong className="break-words">{userName}</strong>? Every session and app token of the account ends now,
            and they cannot log in until the suspension ends.
          </p>
        </ConfirmInline>
      ) : (
        <Button type="submit" variant="danger">
          Suspend account
        </Button>
      )}
    </form>
  );
}
