/**
 * Error state of a form: messages per field (shown next to each field) and one summary for
 * the form's live region. Showing errors moves focus to the first invalid field.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, fieldErrors, type ErrorMessageOverrides } from '../api/error-messages';

export type FieldErrorMap = Record<string, string[]>;

const CHECK_FIELDS = 'Some fields need attention. Check the messages next to them.';

export function useFormErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, setState] = useState({ fields: {} as FieldErrorMap, summary: '', attempt: 0 });

  // Focus moves once the errors are rendered: after the commit, not on the next frame, which
  // can come first when the errors arrive from a request (then aria-invalid is not set yet).
  useEffect(() => {
    if (state.attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.attempt]);

  const show = useCallback((fields: FieldErrorMap, summary: string) => {
    // `attempt` changes the live region's content even when the words repeat, so it is read again.
    setState((previous) => ({ fields, summary, attempt: previous.attempt + 1 }));
  }, []);

  return {
    formRef,
    fields: state.fields,
    summary: state.summary,
    attempt: state.attempt,
    /** Any problems, with the summary to announce. */
    showErrors: show,
    /** Problems found before sending. */
    showClientErrors: useCallback((fields: FieldErrorMap) => show(fields, CHECK_FIELDS), [show]),
    /** Problems the server answered with. */
    showApiError: useCallback(
      (error: unknown, overrides?: ErrorMessageOverrides) => show(fieldErrors(error), errorMessage(error, overrides)),
      [show],
    ),
    /** Drops one field's messages once the person edits it. */
    clearField: useCallback(
      (name: string) =>
        setState((previous) => {
          if (!previous.fields[name]) return previous;
          const { [name]: _dropped, ...rest } = previous.fields;
          return { ...previous, fields: rest };
        }),
      [],
    ),
    clearAll: useCallback(() => setState((previous) => ({ ...previous, fields: {}, summary: '' })), []),
  };
}
