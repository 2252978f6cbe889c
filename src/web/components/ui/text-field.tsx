import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { describedBy, FieldErrors, FieldHint, inputClassName } from './field-parts';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  name: string;
  hint?: string;
  errors?: string[] | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and its errors underneath. */
export function TextField({ label, hint, errors, ref, ...input }: TextFieldProps) {
  const id = useId();
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-semibold text-ink-900">
        {label}
      </label>
      {hint && <FieldHint id={`${id}-hint`}>{hint}</FieldHint>}
      <input
        {...input}
        ref={ref}
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-errors`)}
        className={inputClassName}
      />
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </div>
  );
}
