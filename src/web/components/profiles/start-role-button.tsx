/** "Start hiring" / "Start working": adds the other profile to the account, then reloads what depends on it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../shared/contracts';
import { errorMessage } from '../../api/error-messages';
import { addRole } from '../../api/profiles-api';
import { Button } from '../ui/button';

export function StartRoleButton({ adds: role, label }: { adds: Role; label: string }) {
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => addRole(role),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <div className="space-y-2">
      <Button pending={start.isPending} pendingLabel="Starting…" onClick={() => start.mutate()}>
        {label}
      </Button>
      {start.isError && <p role="alert" className="text-sm text-danger-700">{errorMessage(start.error)}</p>}
    </div>
  );
}
