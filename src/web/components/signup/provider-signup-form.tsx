/**
 * Finishing a sign-up that began at a provider: the provider vouched for the address, so
 * there is no password and no confirmation mail; the person chooses a role, checks the name
 * the provider gave and accepts the terms (POST /auth/oidc/signup). The attempt lives in a
 * short-lived cookie: once it is gone (401 or 404) the page says so and starts again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/contracts';
import { isApiError } from '../../api/client';
import { providerSignUp } from '../../api/provider-api';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { HOME_PATH } from '../../lib/safe-next-path';
import { recallSignupRole, rememberSignupRole } from '../../lib/roles';
import { check, hasErrors } from '../../lib/validate';
import { Button } from '../ui/button';
import { CheckboxField } from '../ui/checkbox-field';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';
import { TextLink } from '../ui/text-link';
import { RoleRadios } from './role-choice';

/** True when the sign-up attempt behind the form is gone (expired cookie, or never there). */
export function isAttemptGone(error: unknown): boolean {
  return isApiError(error) && (error.problem.status === 401 || error.problem.status === 404);
}

interface ProviderSignupFormProps {
  /** The name the provider gave (may be empty: Apple tells it only once). */
  name: string;
  /** The attempt has expired: the page shows "Start again". */
  onAttemptGone: () => void;
}

export function ProviderSignupForm({ name, onAttemptGone }: ProviderSignupFormProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<{ role: Role | undefined; name: string; terms: boolean }>(() => ({
    role: recallSignupRole(sessionStorage),
    name,
    terms: false,
  }));
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: providerSignUp, meta: { anonymousOk: true } });

  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.clearField(field);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorMap = {};
    check(found, 'role', !values.role, 'Choose what brings you to Workgate.');
    check(found, 'name', values.name.trim() === '', 'Enter your name.');
    check(found, 'terms', !values.terms, 'Tick the box to accept the terms.');
    if (hasErrors(found) || !values.role) return errors.showClientErrors(found);
    mutation.mutate(
      { role: values.role, name: values.name.trim() },
      {
        onSuccess: () => {
          rememberSignupRole(sessionStorage, undefined);
          // A new session: nothing cached from before it (the "signed out" answer) may remain.
          queryClient.clear();
          void navigate(HOME_PATH, { replace: true });
        },
        onError: (error) => (isAttemptGone(error) ? onAttemptGone() : errors.showApiError(error)),
      },
    );
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
      <RoleRadios value={values.role} onChange={(role) => set('role', role)} errors={errors.fields.role} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        hint="How clients and freelancers will see you."
        value={values.name}
        onChange={(event) => set('name', event.target.value)}
        errors={errors.fields.name}
      />
      <CheckboxField
        name="terms"
        label="I accept the Workgate terms of service"
        hint={
          <TextLink to="/terms" target="_blank">
            Read the terms (opens in a new tab)
          </TextLink>
        }
        checked={values.terms}
        onChange={(event) => set('terms', event.target.checked)}
        errors={errors.fields.terms}
      />
      <Button type="submit" fullWidth pending={mutation.isPending} pendingLabel="Creating your account…">
        Create my account
      </Button>
    </form>
  );
}
