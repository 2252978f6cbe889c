import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { describedBy, FieldErrors } from './field-parts';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  errors?: string[] | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** A checkbox with its label beside it and an explanation underneath. */
export function CheckboxField({ label, hint, errors, ref, ...input }: CheckboxFieldProps) {
  const id = useId();
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <div className="space-y-1.5">
      <div className="flex items-start gap-3">
        <input
          {...input}
          ref={ref}
          id={id}
          type="checkbox"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(hint !== undefined && `${id}-hint`, invalid && `${id}-errors`)}
          className="mt-0.5 size-5 shrink-0 accent-brand-700"
        />
        <div className="space-y-0.5">
          <label htmlFor={id} className="text-base text-ink-900">
            {label}
          </label>
          {hint !== undefined && (
            <p id={`${id}-hint`} className="text-sm text-ink-600">
              {hint}
            </p>
          )}
        </div>
      </div>
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </div>
  );
}
