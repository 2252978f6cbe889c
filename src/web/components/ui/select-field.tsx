import { useId, type Ref, type SelectHTMLAttributes } from 'react';
import { describedBy, FieldErrors, inputClassName } from './field-parts';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  name: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  errors?: string[] | undefined;
  ref?: Ref<HTMLSelectElement>;
}

/** A labelled native select with its errors underneath. */
export function SelectField({ label, options, errors, ref, ...select }: SelectFieldProps) {
  const id = useId();
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-semibold text-ink-900">
        {label}
      </label>
      <select
        {...select}
        ref={ref}
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && `${id}-errors`)}
        className={inputClassName}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </div>
  );
}
