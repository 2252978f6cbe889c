/**
 * One admin action on a user as a button. Destructive ones ask first, in place (ConfirmInline);
 * the outcome is announced in a live region. Step-up, when the server wants it, is handled
 * by the API client's dialog.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/error-messages';
import { ConfirmInline } from '../security/confirm-inline';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';

interface AdminActionProps {
  label: string;
  pendingLabel: string;
  /** Asked before acting; absent for harmless actions (e.g. resending a mail). */
  confirm?: { question: ReactNode; confirmLabel: string };
  done: string;
  run: () => Promise<unknown>;
  onDone: () => void;
}

export function AdminAction({ label, pendingLabel, confirm, done, run, onDone }: AdminActionProps) {
  const [asking, setAsking] = useState(false);
  const mutation = useMutation({ mutationFn: run, onSuccess: () => { setAsking(false); onDone(); } });
  const act = () => !mutation.isPending && mutation.mutate();
  return (
    <div className="space-y-2">
      {asking && confirm ? (
        <ConfirmInline confirmLabel={confirm.confirmLabel} pending={mutation.isPending} pendingLabel={pendingLabel} onConfirm={act} onCancel={() => setAsking(false)}>
          {confirm.question}
        </ConfirmInline>
      ) : (
        <Button
          variant={confirm ? 'danger' : 'secondary'}
          pending={mutation.isPending}
          pendingLabel={pendingLabel}
          onClick={() => {
            mutation.reset();
            if (confirm) setAsking(true);
            else act();
          }}
        >
          {label}
        </Button>
      )}
      <FormAlert tone={mutation.isError ? 'error' : 'success'}>
        {mutation.isError ? errorMessage(mutation.error) : mutation.isSuccess ? done : undefined}
      </FormAlert>
    </div>
  );
}
