/** Change the password (current one required); the server then logs out the other devices. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { User } from '../../../shared/contracts';
import { changePassword } from '../../api/account-api';
import { isApiError } from '../../api/client';
import { errorMessage, SECOND_STEP_LOCKED } from '../../api/error-messages';
import { queryKeys } from '../../api/queries';
import { useFormErrors, type FieldErrorMap } from '../../hooks/use-form-errors';
import { assessPasswordNow, usePasswordAssessment } from '../../hooks/use-password-assessment';
import { check, hasErrors } from '../../lib/validate';
import { PasswordStrengthMeter, passwordFieldErrors } from '../password-strength-meter';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { PasswordField } from '../ui/password-field';

const EMPTY = { currentPassword: '', newPassword: '' };
const WRONG_CURRENT = 'Your current password is not correct.';

export function ChangePasswordForm({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  const assessment = usePasswordAssessment(values.newPassword, [user.email, user.name]);
  const mutation = useMutation({ mutationFn: changePassword });

  const set = (field: keyof typeof values, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setSaved(false);
    errors.clearField(field);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const found: FieldErrorMap = {};
    check(found, 'currentPassword', values.currentPassword === '', 'Enter your current password.');
    const verdict = await assessPasswordNow(values.newPassword, [user.email, user.name]);
    if (verdict && !verdict.acceptable) found.newPassword = verdict.feedback;
    if (hasErrors(found)) return errors.showClientErrors(found);
    mutation.mutate(values, {
      onSuccess: () => {
        setValues(EMPTY);
        errors.clearAll();
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: queryKeys.deviceSessions });
      },
      onError: (error) => {
        if (isApiError(error, 'invalid_credentials')) {
          return errors.showErrors({ currentPassword: [WRONG_CURRENT] }, errorMessage(error, { invalid_credentials: WRONG_CURRENT }));
        }
        errors.showApiError(error, SECOND_STEP_LOCKED);
      },
    });
  };

  return (
    <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <FormAlert tone={saved ? 'success' : 'error'}>
        {saved ? (
          <p>Your password is changed. Every other device signed in to your account was logged out.</p>
        ) : (
          errors.summary && <p key={errors.attempt}>{errors.summary}</p>
        )}
      </FormAlert>
      {/* Tells password managers which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
      <PasswordField
        label="Current password"
        name="currentPassword"
        autoComplete="current-password"
        value={values.currentPassword}
        onChange={(event) => set('currentPassword', event.target.value)}
        errors={errors.fields.currentPassword}
      />
      <PasswordField
        label="New password"
        name="newPassword"
        autoComplete="new-password"
        value={values.newPassword}
        onChange={(event) => set('newPassword', event.target.value)}
        errors={passwordFieldErrors(errors.fields.newPassword, assessment)}
        feedback={<PasswordStrengthMeter assessment={assessment} />}
      />
      <Button type="submit" pending={mutation.isPending} pendingLabel="Changing password…">
        Change password
      </Button>
    </form>
  );
}
