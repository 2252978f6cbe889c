import { useId, useState, type ChangeEvent, type ReactNode, type Ref } from 'react';
import { useCapsLock } from '../../hooks/use-caps-lock';
import { describedBy, FieldErrors, FieldHint, inputClassName } from './field-parts';

interface PasswordFieldProps {
  label: string;
  name: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  hint?: string;
  errors?: string[] | undefined;
  ref?: Ref<HTMLInputElement>;
  /** Shown under the input, e.g. the strength meter; it describes the field. */
  feedback?: ReactNode;
}

/** A password input with a show/hide toggle and a Caps Lock warning. */
export function PasswordField({ label, name, autoComplete, value, onChange, hint, errors, ref, feedback }: PasswordFieldProps) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const { capsLockOn, handlers } = useCapsLock();
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-semibold text-ink-900">
        {label}
      </label>
      {hint && <FieldHint id={`${id}-hint`}>{hint}</FieldHint>}
      <div className="flex gap-2">
        <input
          ref={ref}
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          value={value}
          onChange={onChange}
          {...handlers}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(
            hint && `${id}-hint`,
            invalid && `${id}-errors`,
            capsLockOn && `${id}-caps`,
            feedback !== undefined && `${id}-feedback`,
          )}
          className={inputClassName}
        />
        <button
          type="button"
          aria-controls={id}
          aria-pressed={visible}
          onClick={() => setVisible((shown) => !shown)}
          className="min-h-11 shrink-0 rounded-lg border border-ink-300 bg-white px-3 text-sm font-semibold text-ink-900 hover:bg-ink-100"
        >
          {visible ? 'Hide' : 'Show'}
          <span className="sr-only"> password</span>
        </button>
      </div>
      <p id={`${id}-caps`} aria-live="polite" className="text-sm font-medium text-warning-800">
        {capsLockOn ? 'Caps Lock is on.' : ''}
      </p>
      <FieldErrors id={`${id}-errors`} errors={errors} />
      {feedback && <div id={`${id}-feedback`}>{feedback}</div>}
    </div>
  );
}
