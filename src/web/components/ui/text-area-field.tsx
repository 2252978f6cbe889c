import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { describedBy, FieldErrors, FieldHint, inputClassName } from './field-parts';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value'> {
  label: string;
  name: string;
  value: string;
  hint?: string;
  /** Shows "n of max characters" under the field; the count is announced only when asked for. */
  maxCharacters?: number;
  errors?: string[] | undefined;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line field with an optional character counter and its errors underneath. */
export function TextAreaField({ label, hint, maxCharacters, errors, ref, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const invalid = (errors?.length ?? 0) > 0;
  const count = [...textarea.value].length;
  const over = maxCharacters !== undefined && count > maxCharacters;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-semibold text-ink-900">
        {label}
      </label>
      {hint && <FieldHint id={`${id}-hint`}>{hint}</FieldHint>}
      <textarea
        rows={6}
        {...textarea}
        ref={ref}
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, maxCharacters !== undefined && `${id}-count`, invalid && `${id}-errors`)}
        className={inputClassName}
      />
      {maxCharacters !== undefined && (
        <p id={`${id}-count`} className={`text-sm tabular-nums ${over ? 'font-semibold text-danger-700' : 'text-ink-600'}`}>
          {count} of {maxCharacters} characters
        </p>
      )}
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </div>
  );
}
