/** One passkey in the list: its name, when it was added and last used, rename and remove. */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { renamePasskey, type Passkey } from '../../api/passkey-api';
import { useFormErrors } from '../../hooks/use-form-errors';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';

interface PasskeyItemProps {
  passkey: Passkey;
  onRenamed: (passkey: Passkey) => void;
  onRemove: (passkey: Passkey) => void;
  /** Only offered for a passkey on hold after a reported sign-in. */
  onKeep: (passkey: Passkey) => void;
}

export function PasskeyItem({ passkey, onRenamed, onRemove, onKeep }: PasskeyItemProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const errors = useFormErrors();
  const field = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const mutation = useMutation({ mutationFn: (next: string) => renamePasskey(passkey.id, next) });

  useEffect(() => {
    // Into the field when the form opens; back to the button when it closes.
    if (editing) field.current?.select();
    else if (wasEditing.current) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const trimmed = name.trim();
    if (trimmed === '') return errors.showClientErrors({ name: ['Enter a name, like “Work laptop”.'] });
    mutation.mutate(trimmed, {
      onSuccess: ({ passkey: renamed }) => {
        setEditing(false);
        onRenamed(renamed);
      },
      onError: (error) => errors.showApiError(error),
    });
  };

  return (
    <li className="space-y-3 p-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold break-words text-ink-900">
            {passkey.name}
            {passkey.backedUp && (
              <span className="rounded-full border border-ink-200 bg-ink-100 px-2 py-0.5 text-sm font-semibold text-ink-700">Synced</span>
            )}
            {passkey.held && (
              <span className="rounded-full border border-danger-200 bg-danger-50 px-2 py-0.5 text-sm font-semibold text-danger-700">On hold</span>
            )}
          </h3>
          {passkey.held && (
            <p className="text-sm text-ink-700">
              Added after a sign-in you reported as not yours. Until you keep it, it works only as your second step, not to sign in on its own.
              Remove it if you do not recognize it.
            </p>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-ink-700">
            <dt className="text-ink-600">Added</dt>
            <dd>
              <time dateTime={passkey.createdAt}>{formatDateTime(passkey.createdAt)}</time>
            </dd>
            <dt className="text-ink-600">Last used</dt>
            <dd>
              {passkey.lastUsedAt ? (
                <time dateTime={passkey.lastUsedAt} title={formatDateTime(passkey.lastUsedAt)}>
                  {formatRelativeTime(passkey.lastUsedAt)}
                </time>
              ) : (
                'Not yet'
              )}
            </dd>
          </dl>
        </div>
        {!editing && (
          <div className="flex shrink-0 flex-wrap gap-2">
            {passkey.held && (
              <Button onClick={() => onKeep(passkey)}>
                Keep<span className="sr-only"> {passkey.name}</span>
              </Button>
            )}
            <Button ref={renameButton} variant="secondary" onClick={() => setEditing(true)}>
              Rename<span className="sr-only"> {passkey.name}</span>
            </Button>
            <Button variant="secondary" onClick={() => onRemove(passkey)}>
              Remove<span className="sr-only"> {passkey.name}</span>
            </Button>
          </div>
        )}
      </div>
      {editing && (
        <form ref={errors.formRef} noValidate onSubmit={onSubmit} className="space-y-3">
          <FormAlert>{errors.summary && <p key={errors.attempt}>{errors.summary}</p>}</FormAlert>
          <TextField
            ref={field}
            label="Passkey name"
            name="name"
            autoComplete="off"
            maxLength={60}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              errors.clearField('name');
            }}
            errors={errors.fields.name}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={mutation.isPending} pendingLabel="Saving…">
              Save name
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setName(passkey.name);
                errors.clearAll();
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
