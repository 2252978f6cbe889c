/**
 * Focus after client-side navigation. A full page load resets focus to the top; a client-side
 * one does not, so the new page's h1 takes focus and screen readers announce the new page.
 * A page whose h1 appears later (after its data loads) takes the pending focus when it mounts.
 */
let pending = false;

/** Called on navigation: focuses the h1 in main now, or when it mounts. */
export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  pending = heading === null;
  heading?.focus();
}

/** Called by a mounting h1: true when a navigation is still waiting to focus a heading. */
export function takePendingHeadingFocus(): boolean {
  const wanted = pending;
  pending = false;
  return wanted;
}
