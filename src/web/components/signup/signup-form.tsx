/** Step two of sign-up: name, email, password with live strength, terms. */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/contracts';
import { signUp } from '../../api/auth-api';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { assessPasswordNow, usePasswordAssessment } from '../../hooks/use-password-assessment';
import { check, hasErrors, looksLikeEmail } from '../../lib/validate';
import { PasswordStrengthMeter, passwordFieldErrors } from '../password-strength-meter';
import { Button } from '../ui/button';
import { CheckboxField } from '../ui/checkbox-field';
import { FormAlert } from '../ui/form-alert';
import { PasswordField } from '../ui/password-field';
import { TextField } from '../ui/text-field';
import { TextLink } from '../ui/text-link';

export function SignupForm({ role }: { role: Role }) {
  const navigate = useNavigate();
  const [values, setValues] = useState({ name: '', email: '', password: '', terms: false });
  const errors = useFormErrors();
  const assessment = usePasswordAssessment(values.password, [values.email, values.name]);
  const mutation = useMutation({ mutationFn: signUp });

  const set = (field: keyof typeof values, value: string | boolean) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.clearField(field);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorMap = {};
    check(found, 'name', values.name.trim() === '', 'Enter your name.');
    check(found, 'email', !looksLikeEmail(values.email), 'Enter a valid email address, like name@example.com.');
    const verdict = await assessPasswordNow(values.password, [values.email, values.name]);
    if (verdict && !verdict.acceptable) found.password = verdict.feedback;
    check(found, 'terms', !values.terms, 'Tick the box to accept the terms.');
    if (hasErrors(found)) return errors.showClientErrors(found);
    const email = values.email.trim();
    mutation.mutate(
      { name: values.name.trim(), email, password: values.password, role },
      {
        onSuccess: () => navigate('/signup/check-email', { state: { email, role, sentAt: Date.now() } }),
        onError: (error) => errors.showApiError(error),
      },
    );
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      <TextField
        label="Full name"
        name="name"
        autoComplete="name"
        value={values.name}
        onChange={(event) => set('name', event.target.value)}
        errors={errors.fields.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        hint="We will send a confirmation link to this address."
        value={values.email}
        onChange={(event) => set('email', event.target.value)}
        errors={errors.fields.email}
      />
      <PasswordField
        label="Password"
        name="password"
        autoComplete="new-password"
        value={values.password}
        onChange={(event) => set('password', event.target.value)}
        errors={passwordFieldErrors(errors.fields.password, assessment)}
        feedback={<PasswordStrengthMeter assessment={assessment} />}
      />
      <CheckboxField
        name="terms"
        label="I accept the Workgate terms of service"
        hint={<TextLink to="/terms" target="_blank">Read the terms (opens in a new tab)</TextLink>}
        checked={values.terms}
        onChange={(event) => set('terms', event.target.checked)}
        errors={errors.fields.terms}
      />
      <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Creating your account…">
        Create account
      </Button>
    </form>
  );
}
