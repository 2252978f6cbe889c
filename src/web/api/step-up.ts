/**
 * Step-up ("sudo mode") on the client side. Sensitive calls answer 403
 * reauthentication_required when this session's last authentication is older than the
 * server's window; apiRequest then asks the person to confirm it is them (the dialog that
 * registers itself here) and, once they have, sends the same call again. Several calls
 * refused at once share one dialog.
 */

/** Asks the person to confirm it is them; true once POST /auth/reauthenticate succeeded. */
export type ConfirmIdentity = () => Promise<boolean>;

let confirmIdentity: ConfirmIdentity | null = null;
let asking: Promise<boolean> | null = null;

/** Installs the dialog that asks; answers a function that uninstalls it. */
export function setConfirmIdentityHandler(handler: ConfirmIdentity): () => void {
  confirmIdentity = handler;
  return () => {
    if (confirmIdentity === handler) confirmIdentity = null;
  };
}

/** True when the person confirmed it is them; false when they cancelled or nobody can ask. */
export function askToConfirmIdentity(): Promise<boolean> {
  if (!confirmIdentity) return Promise.resolve(false);
  asking ??= confirmIdentity().finally(() => {
    asking = null;
  });
  return asking;
}
