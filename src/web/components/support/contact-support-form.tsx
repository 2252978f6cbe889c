/**
 * The contact form: email, topic, message (with a character counter). Works signed out.
 * After sending, the ticket number replaces the form; the same number comes by mail.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { createTicket, SUPPORT_MESSAGE_MAX, SUPPORT_TOPICS, type SupportTopic } from '../../api/support-api';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { TOPIC_WORDS, ticketLabel } from '../../lib/support-words';
import { check, hasErrors, looksLikeEmail } from '../../lib/validate';
import { Button } from '../ui/button';
import { FormAlert, Notice } from '../ui/form-alert';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { TextLink } from '../ui/text-link';

const TOPIC_OPTIONS = [{ value: '', label: 'Choose a topic' }, ...SUPPORT_TOPICS.map((value) => ({ value, label: TOPIC_WORDS[value] }))];

export function ContactSupportForm({ initialEmail, initialTopic, signedIn }: { initialEmail: string; initialTopic: SupportTopic | ''; signedIn: boolean }) {
  const [values, setValues] = useState({ email: initialEmail, topic: initialTopic as string, message: '' });
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: createTicket, meta: { anonymousOk: true } });

  if (mutation.isSuccess) {
    return (
      <div className="space-y-4">
        <Notice tone="success">
          <p className="font-semibold">Your message is with our support team.</p>
          <p>
            Your ticket number is <strong>{ticketLabel(mutation.data.ticketNumber)}</strong>. We have emailed it to{' '}
            <strong className="break-words">{values.email.trim()}</strong>; quote it if you write again.
          </p>
        </Notice>
        {signedIn && (
          <p>
            <TextLink to="/support/tickets">See your support tickets</TextLink>
          </p>
        )}
      </div>
    );
  }

  const set = (field: keyof typeof values, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.clearField(field);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorMap = {};
    check(found, 'email', !looksLikeEmail(values.email), 'Enter the email address where we can answer you.');
    check(found, 'topic', values.topic === '', 'Choose what your message is about.');
    check(found, 'message', values.message.trim() === '', 'Tell us what happened.');
    check(found, 'message', [...values.message].length > SUPPORT_MESSAGE_MAX, `Use at most ${SUPPORT_MESSAGE_MAX} characters.`);
    if (hasErrors(found)) return errors.showClientErrors(found);
    mutation.mutate(
      { email: values.email.trim(), topic: values.topic as SupportTopic, message: values.message.trim() },
      { onError: (error) => errors.showApiError(error) },
    );
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        hint="Use the address of your Workgate account, so we can find it."
        value={values.email}
        onChange={(event) => set('email', event.target.value)}
        errors={errors.fields.email}
      />
      <SelectField label="Topic" name="topic" options={TOPIC_OPTIONS} value={values.topic} onChange={(event) => set('topic', event.target.value)} errors={errors.fields.topic} />
      <TextAreaField
        label="Message"
        name="message"
        maxCharacters={SUPPORT_MESSAGE_MAX}
        hint="Do not include your password or any sign-in code: we will never ask for them."
        value={values.message}
        onChange={(event) => set('message', event.target.value)}
        errors={errors.fields.message}
      />
      <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Sending…">
        Send message
      </Button>
    </form>
  );
}
