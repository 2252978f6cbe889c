/**
 * The frame of every page: skip link, header, main, footer, the step-up dialog that any
 * page's call can open, and the offer to sign out other devices after a factor change. After
 * a client-side navigation (a new path, or a new step such as /signup?role=…) focus moves to
 * the new page's h1.
 */
import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { focusPageHeading } from '../../lib/route-focus';
import { SignOutOthersOffer } from '../security/sign-out-others-offer';
import { ConfirmIdentityDialog } from '../step-up/confirm-identity-dialog';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

export function AppLayout() {
  const { pathname, search } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    focusPageHeading();
  }, [pathname, search]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-lg bg-white px-4 py-2 font-semibold text-brand-700 focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50"
      >
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 outline-none sm:px-6 sm:py-12">
        <SignOutOthersOffer />
        <Outlet />
      </main>
      <SiteFooter />
      <ConfirmIdentityDialog />
    </div>
  );
}
