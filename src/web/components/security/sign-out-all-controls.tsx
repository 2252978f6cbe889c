/** "Sign out of all other devices" and "Sign out everywhere" (this device included). */
import { useMutation } from '@tanstack/react-query';
import { revokeAllSessions } from '../../api/account-api';
import { useFinishSignOut } from '../../hooks/use-finish-sign-out';
import { Button } from '../ui/button';

interface SignOutAllControlsProps {
  otherDevices: number;
  onOthersSignedOut: () => void;
  onError: (error: unknown) => void;
}

export function SignOutAllControls({ otherDevices, onOthersSignedOut, onError }: SignOutAllControlsProps) {
  const finishSignOut = useFinishSignOut();
  const others = useMutation({
    mutationFn: () => revokeAllSessions({ includeCurrent: false }),
    onSuccess: onOthersSignedOut,
    onError,
  });
  const everywhere = useMutation({
    mutationFn: () => revokeAllSessions({ includeCurrent: true }),
    onSuccess: () => finishSignOut('signed_out_everywhere'),
    onError,
  });
  const busy = others.isPending || everywhere.isPending;

  return (
    <div className="space-y-4 border-t border-ink-200 pt-5">
      <div className="space-y-2">
        <p className="text-base text-ink-700">
          {otherDevices === 0
            ? 'No other device is signed in to your account.'
            : 'Lost a phone, or used a computer that is not yours? Sign out every other device at once.'}
        </p>
        <Button
          variant="secondary"
          pending={others.isPending}
          pendingLabel="Signing out other devices…"
          inactive={otherDevices === 0 || busy}
          onClick={() => otherDevices > 0 && !busy && others.mutate()}
        >
          Sign out of all other devices
        </Button>
      </div>
      <div className="space-y-2">
        <p className="text-base text-ink-700">This also logs you out here, so you will need to log in again.</p>
        <Button variant="danger" pending={everywhere.isPending} pendingLabel="Signing out everywhere…" inactive={busy} onClick={() => !busy && everywhere.mutate()}>
          Sign out everywhere
        </Button>
      </div>
    </div>
  );
}
