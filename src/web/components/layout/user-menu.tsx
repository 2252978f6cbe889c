/**
 * The signed-in person's menu in the header (a disclosure: a button that shows a list of
 * links and the "Log out" button). Escape or a click elsewhere closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { User } from '../../../shared/contracts';
import { useLogOut } from '../../hooks/use-log-out';

const ITEM = 'block w-full rounded-md px-3 py-2 text-left text-base text-ink-900 hover:bg-ink-100';

export function UserMenu({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const logOut = useLogOut();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={container} className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((shown) => !shown)}
        className="flex min-h-11 max-w-48 items-center gap-2 rounded-lg border border-ink-300 bg-white px-3 text-base font-semibold text-ink-900 hover:bg-ink-100 sm:max-w-64"
      >
        <span className="sr-only">Account menu for </span>
        <span className="truncate">{user.name}</span>
        <span aria-hidden="true" className="text-sm">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl border border-ink-200 bg-white p-2 shadow-lg"
      >
        <div className="border-b border-ink-200 px-3 pb-2 pt-1">
          <p className="truncate font-semibold text-ink-900">{user.name}</p>
          <p className="truncate text-sm text-ink-600">{user.email}</p>
          <p className="text-sm text-ink-600">{user.role === 'freelancer' ? 'Freelancer account' : 'Client account'}</p>
        </div>
        <ul className="space-y-1 pt-2">
          <li>
            <Link to="/onboarding" className={ITEM}>
              Getting started
            </Link>
          </li>
          <li>
            <Link to="/settings/security" className={ITEM}>
              Security settings
            </Link>
          </li>
          <li>
            <Link to="/settings/security/activity" className={ITEM}>
              Security activity
            </Link>
          </li>
          <li>
            <Link to="/support/tickets" className={ITEM}>
              My support tickets
            </Link>
          </li>
          {user.isAdmin && (
            <li>
              <Link to="/admin" className={ITEM}>
                Admin console
              </Link>
            </li>
          )}
          <li>
            <button type="button" onClick={() => logOut.mutate()} aria-disabled={logOut.isPending || undefined} className={ITEM}>
              {logOut.isPending ? 'Logging out…' : 'Log out'}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
