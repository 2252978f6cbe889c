/**
 * Adds an entry to one of the profile's lists (work history, education, certifications) from a
 * list of fields; empty optional fields are sent as null so the server's rules decide.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import { addEntry, type EntryKind } from '../../api/profiles-api';
import { Button } from '../ui/button';
import { TextField } from '../ui/text-field';

export interface EntryField {
  name: string;
  label: string;
  placeholder?: string;
  /** Sent as a number (years). */
  numeric?: boolean;
  /** Sent as null when left empty. */
  optional?: boolean;
}

export function EntryForm({ kind, title, fields, submitLabel, doneMessage }: { kind: EntryKind; title: string; fields: EntryField[]; submitLabel: string; doneMessage: string }) {
  const queryClient = useQueryClient();
  const empty = () => Object.fromEntries(fields.map((f) => [f.name, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const add = useMutation({
    mutationFn: () => addEntry(kind, bodyOf(fields, values)),
    onSuccess: async () => {
      setValues(empty());
      await queryClient.invalidateQueries({ queryKey: ['my-profiles'] });
    },
  });
  const errors = fieldErrors(add.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!add.isPending) add.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={title} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            placeholder={f.placeholder}
            inputMode={f.numeric ? 'numeric' : undefined}
            value={values[f.name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            errors={errors[f.name]}
          />
        ))}
      </div>
      {add.isError && !Object.keys(errors).length && <p role="alert" className="text-sm text-danger-700">{errorMessage(add.error)}</p>}
      {add.isSuccess && <p role="status" className="text-sm text-ink-700">{doneMessage}</p>}
      <Button type="submit" variant="secondary" pending={add.isPending} pendingLabel="Adding…">
        {submitLabel}
      </Button>
    </form>
  );
}

function bodyOf(fields: EntryField[], values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (values[f.name] ?? '').trim();
    if (!raw) {
      if (f.optional) body[f.name] = null;
      else body[f.name] = '';
      continue;
    }
    // A year that is not a number is sent as typed, and the server names the field.
    body[f.name] = f.numeric && /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  return body;
}
