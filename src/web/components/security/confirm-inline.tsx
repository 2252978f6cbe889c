/** "Are you sure?" in place, for actions that cannot be undone; focus moves to the question. */
import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '../ui/button';

interface ConfirmInlineProps {
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  pendingLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmInline({ children, confirmLabel, pending, pendingLabel, onConfirm, onCancel }: ConfirmInlineProps) {
  const question = useRef<HTMLDivElement>(null);
  useEffect(() => question.current?.focus(), []);
  return (
    <div ref={question} tabIndex={-1} role="group" aria-label="Confirm" className="space-y-3 rounded-lg border border-danger-200 bg-danger-50 p-4 outline-none">
      <div className="text-base text-ink-900">{children}</div>
      <div className="flex flex-wrap gap-3">
        <Button variant="danger" pending={pending} pendingLabel={pendingLabel} onClick={() => !pending && onConfirm()}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
