/** One message added to a ticket (by the person who asked, or by support); cleared once sent. */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SUPPORT_MESSAGE_MAX } from '../../api/support-api';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { check, hasErrors } from '../../lib/validate';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { TextAreaField } from '../ui/text-area-field';

interface TicketReplyFormProps {
  label: string;
  submitLabel: string;
  send: (message: string) => Promise<unknown>;
  onSent: () => void;
}

export function TicketReplyForm({ label, submitLabel, send, onSent }: TicketReplyFormProps) {
  const [message, setMessage] = useState('');
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: send });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorMap = {};
    check(found, 'message', message.trim() === '', 'Write a message first.');
    check(found, 'message', [...message].length > SUPPORT_MESSAGE_MAX, `Use at most ${SUPPORT_MESSAGE_MAX} characters.`);
    if (hasErrors(found)) return errors.showClientErrors(found);
    mutation.mutate(message.trim(), {
      onSuccess: () => {
        setMessage('');
        errors.clearAll();
        onSent();
      },
      onError: (error) => errors.showApiError(error),
    });
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      <TextAreaField
        label={label}
        name="message"
        rows={4}
        maxCharacters={SUPPORT_MESSAGE_MAX}
        value={message}
        onChange={(event) => {
          setMessage(event.target.value);
          errors.clearField('message');
        }}
        errors={errors.fields.message}
      />
      <Button type="submit" pending={mutation.isPending} pendingLabel="Sending…">
        {submitLabel}
      </Button>
    </form>
  );
}
