/**
 * Sign-in with a passkey alone, two ways: the "Sign in with a passkey" button, and the
 * browser's autofill, which offers passkeys in the email field (conditional mediation) from
 * the moment the page opens. Pressing the button replaces the autofill request. Failures of
 * the background autofill set-up stay quiet; a failed sign-in is reported.
 *
 * Each options request binds its challenge to this browser with a cookie, so two requests in
 * flight at once could leave the cookie naming the other's challenge: requests go one after
 * the other, and an autofill request whose page went away (React may mount an effect twice)
 * is never sent.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { logInWithPasskey, passkeyLoginOptions } from '../../api/passkey-api';
import { cancelPasskeyCeremony, getPasskeyAssertion, isPasskeyCancelled, passkeyAutofillSupported } from '../../lib/passkey';

let optionsQueue: Promise<unknown> = Promise.resolve();

/** Options for a passkey sign-in, after any earlier request has settled; null when no longer wanted. */
function queueLoginOptions(wanted: () => boolean) {
  const turn = optionsQueue.catch(() => undefined).then(() => (wanted() ? passkeyLoginOptions() : null));
  optionsQueue = turn;
  return turn;
}

interface PasskeySignInOptions {
  /** "Remember me" as ticked at the moment the passkey is used. */
  rememberMe: boolean;
  onSignedIn: () => void;
  onError: (error: unknown) => void;
}

export function usePasskeySignIn({ rememberMe, onSignedIn, onError }: PasskeySignInOptions) {
  const [pending, setPending] = useState(false);
  // The autofill request lives as long as the page; it reads the latest choices when it ends.
  const latest = useRef({ rememberMe, onSignedIn, onError });
  useEffect(() => {
    latest.current = { rememberMe, onSignedIn, onError };
  });

  useEffect(() => {
    let active = true;
    const startAutofill = async () => {
      try {
        if (!(await passkeyAutofillSupported())) return;
        const optionsJSON = await queueLoginOptions(() => active);
        if (!active || !optionsJSON) return;
        const response = await getPasskeyAssertion(optionsJSON, { autofill: true });
        if (!active) return;
        setPending(true);
        try {
          await logInWithPasskey({ response, rememberMe: latest.current.rememberMe });
          if (active) latest.current.onSignedIn();
        } catch (error) {
          if (active) latest.current.onError(error);
        } finally {
          if (active) setPending(false);
        }
      } catch {
        // No autofill (unsupported, options refused, prompt replaced by the button): the button remains.
      }
    };
    // A mount that is undone at once (as React may do) never starts a ceremony.
    const timer = window.setTimeout(() => void startAutofill(), 0);
    return () => {
      active = false;
      window.clearTimeout(timer);
      cancelPasskeyCeremony();
    };
  }, []);

  const signInWithButton = useCallback(async () => {
    if (pending) return;
    setPending(true);
    try {
      const optionsJSON = (await queueLoginOptions(() => true))!;
      const response = await getPasskeyAssertion(optionsJSON);
      await logInWithPasskey({ response, rememberMe: latest.current.rememberMe });
      latest.current.onSignedIn();
    } catch (error) {
      if (!isPasskeyCancelled(error)) latest.current.onError(error);
    } finally {
      setPending(false);
    }
  }, [pending]);

  return { pending, signInWithButton };
}
