/**
 * The offer to sign out other devices after a change of sign-in factors (ASVS 5.0 7.4.3).
 * Answers to such changes carry `workgate-other-sessions`, the account's other live sessions;
 * apiRequest hands a count above zero to the dialog that registers itself here, which asks
 * "Sign out your other devices?" and, if the person agrees, calls the existing
 * POST /account/sessions/revoke-all.
 */

/** The response header, as the server names it. */
export const OTHER_SESSIONS_HEADER = 'workgate-other-sessions';

/** Shows the offer for `otherSessions` other sessions. */
export type OfferSignOutOthers = (otherSessions: number) => void;

let offer: OfferSignOutOthers | null = null;

/** Installs the dialog that offers; answers a function that uninstalls it. */
export function setSignOutOffer(handler: OfferSignOutOthers): () => void {
  offer = handler;
  return () => {
    if (offer === handler) offer = null;
  };
}

/** Reads the header of a successful answer and offers when other sessions remain. */
export function offerFromResponse(response: Pick<Response, 'headers'>): void {
  const count = Number(response.headers.get(OTHER_SESSIONS_HEADER));
  if (Number.isInteger(count) && count > 0) offer?.(count);
}
