/** Pieces every form field shares: the hint under the label and the list of its errors. */
import type { ReactNode } from 'react';

/** Joins the ids that describe a field, skipping the absent ones. */
export function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return present.length > 0 ? present.join(' ') : undefined;
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-ink-600">
      {children}
    </p>
  );
}

/** The field's problems, in words, right under it; referenced by aria-describedby. */
export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="space-y-1 text-sm font-medium text-danger-700">
      {errors.map((message) => (
        <li key={message} className="flex gap-1.5">
          <span aria-hidden="true">⚠</span>
          <span>{message}</span>
        </li>
      ))}
    </ul>
  );
}

export const inputClassName =
  'block w-full min-h-11 rounded-lg border border-ink-500 bg-white px-3 py-2 text-base text-ink-900 ' +
  'placeholder:text-ink-600 aria-invalid:border-danger-700 aria-invalid:ring-1 aria-invalid:ring-danger-700';
