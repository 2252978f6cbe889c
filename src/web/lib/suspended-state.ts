/**
 * What the /suspended page is told: the public reason the server gave (never the internal
 * note). It travels in the router's history state, so it is not in the address bar; a reload
 * of the page still works, without the reason.
 */
export interface SuspendedState {
  reason?: string;
}

export function suspendedState(reason: string | undefined): SuspendedState {
  return reason ? { reason } : {};
}

/** The reason from a location's state, if it carries one. */
export function reasonFrom(state: unknown): string | undefined {
  const reason = (state as SuspendedState | null)?.reason;
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}
