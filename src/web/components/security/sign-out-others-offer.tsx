/**
 * "Sign out your other devices?": shown by the API client when an answer to a change of
 * sign-in factors says other sessions remain (ASVS 5.0 7.4.3). Someone who got in before the
 * change may still be signed in elsewhere; agreeing calls the same route as "Sign out of all
 * other devices" in the settings, declining changes nothing. It is a panel at the top of the
 * page, not a modal: the change's own next step (saving new recovery codes) stays usable, and a
 * live region announces the offer without taking focus. Mounted once, in the app layout.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { revokeAllSessions } from '../../api/account-api';
import { errorMessage } from '../../api/error-messages';
import { queryKeys } from '../../api/queries';
import { setSignOutOffer } from '../../api/sign-out-offer';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';

const devices = (count: number) => (count === 1 ? '1 other device' : `${count} other devices`);

export function SignOutOthersOffer() {
  const [otherSessions, setOtherSessions] = useState(0);
  const [done, setDone] = useState(false);
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  const signOut = useMutation({
    mutationFn: () => revokeAllSessions({ includeCurrent: false }),
    onSuccess: () => {
      setOtherSessions(0);
      setDone(true);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deviceSessions }),
  });
  const { reset } = signOut;

  useEffect(
    () =>
      setSignOutOffer((count) => {
        reset();
        setDone(false);
        setOtherSessions(count);
      }),
    [reset],
  );
  const close = useCallback(() => {
    setOtherSessions(0);
    setDone(false);
  }, []);
  // The offer belongs to the page where the change was made.
  useEffect(close, [pathname, close]);

  return (
    <div aria-live="polite">
      {otherSessions > 0 && (
        <section aria-labelledby="sign-out-others-title" className="mb-8 space-y-3 rounded-xl border border-warning-200 bg-warning-50 p-5">
          <h2 id="sign-out-others-title" className="text-lg font-bold text-ink-900">
            Sign out your other devices?
          </h2>
          <p className="text-base text-ink-700">
            You changed how you sign in. Your account is still signed in on {devices(otherSessions)}. If you made this change because
            something seemed wrong, or a device might not be yours, sign them out now. You stay signed in here.
          </p>
          <FormAlert tone="error">{signOut.isError ? errorMessage(signOut.error) : undefined}</FormAlert>
          <div className="flex flex-wrap gap-3">
            <Button pending={signOut.isPending} pendingLabel="Signing out other devices…" onClick={() => !signOut.isPending && signOut.mutate()}>
              Sign out other devices
            </Button>
            <Button variant="secondary" inactive={signOut.isPending} onClick={close}>
              Not now
            </Button>
          </div>
        </section>
      )}
      {done && (
        <div className="mb-8">
          <FormAlert tone="success">Your other devices are signed out.</FormAlert>
        </div>
      )}
    </div>
  );
}
