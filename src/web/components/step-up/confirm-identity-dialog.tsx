/**
 * The one "Confirm it's you" dialog of the app. It installs itself as the step-up handler of
 * the API client: when any call answers 403 reauthentication_required, it opens, and the
 * refused call waits for it; confirmed, the call is sent again, cancelled, it fails with the
 * original refusal. Leaving the page cancels.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useSession } from '../../api/queries';
import { setConfirmIdentityHandler } from '../../api/step-up';
import { ModalDialog } from '../ui/modal-dialog';
import { ConfirmIdentityForm } from './confirm-identity-form';

export function ConfirmIdentityDialog() {
  const [open, setOpen] = useState(false);
  const answer = useRef<((confirmed: boolean) => void) | null>(null);
  const session = useSession();
  const { pathname } = useLocation();

  useEffect(
    () =>
      setConfirmIdentityHandler(
        () =>
          new Promise<boolean>((resolve) => {
            answer.current = resolve;
            setOpen(true);
          }),
      ),
    [],
  );

  const finish = useCallback((confirmed: boolean) => {
    answer.current?.(confirmed);
    answer.current = null;
    setOpen(false);
  }, []);

  // A step-up belongs to the page that asked for it: a new page cancels it.
  useEffect(() => finish(false), [pathname, finish]);

  return (
    <ModalDialog
      open={open}
      title="Confirm it's you"
      description={<p>For your security, confirm it is you before this change. We will not ask again for the next 10 minutes.</p>}
      onCancel={() => finish(false)}
    >
      <ConfirmIdentityForm email={session.data?.user.email ?? ''} onConfirmed={() => finish(true)} onCancel={() => finish(false)} />
    </ModalDialog>
  );
}
